using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>IsNullOrEmpty(expression): True when the value is absent or an empty string (reference A.3).</summary>
internal sealed class IsNullOrEmptyFunction : ExpressionFunction
{
    public override string Name => "IsNullOrEmpty";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("expression", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        ExpressionValue.From(arguments[0](scope).IsNullOrEmpty);
}
