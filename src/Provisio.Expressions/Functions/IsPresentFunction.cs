using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>IsPresent(expression): True when the value is neither null nor empty; the inverse of IsNullOrEmpty (reference A.3).</summary>
internal sealed class IsPresentFunction : ExpressionFunction
{
    public override string Name => "IsPresent";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("expression", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        ExpressionValue.From(!arguments[0](scope).IsNullOrEmpty);
}
