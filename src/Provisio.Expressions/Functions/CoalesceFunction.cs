using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Coalesce(source1, ..., defaultValue): "Returns the first source value that isn't NULL." An empty string is not
/// NULL (FN's wording; reference A.2), so it is returned.
/// </summary>
internal sealed class CoalesceFunction : ExpressionFunction
{
    public override string Name => "Coalesce";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [FunctionParameter.Repeating("source")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        foreach (var argument in arguments)
        {
            var value = argument(scope);
            if (!value.IsNull)
            {
                return value;
            }
        }

        return ExpressionValue.Null;
    }
}
