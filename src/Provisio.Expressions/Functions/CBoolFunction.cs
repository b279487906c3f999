using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>CBool(expression): True for a true comparison, "True", or a non-zero number; else False (reference A.3 CBool).</summary>
internal sealed class CBoolFunction : ExpressionFunction
{
    public override string Name => "CBool";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("expression", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        if (value.IsNullOrEmpty)
        {
            return ExpressionValue.False;
        }

        return ValueConversion.TryToBoolean(value, out var result)
            ? ExpressionValue.From(result)
            : throw Fail(ExpressionErrorCodes.NotABoolean, $"{Describe(value)} is neither a boolean nor a number.");
    }
}
