using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>Not(source): "If source value is True, returns False. Otherwise, returns True." (reference A.3 Not).</summary>
internal sealed class NotFunction : ExpressionFunction
{
    public override string Name => "Not";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source", FunctionParameterType.Boolean)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        var isTrue = value.Kind == ExpressionValueKind.Boolean
            ? value.AsBoolean()
            : string.Equals(value.AsString()?.Trim(), "True", StringComparison.OrdinalIgnoreCase);
        return ExpressionValue.From(!isTrue);
    }
}
