using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// IgnoreFlowIfNullOrEmpty(expression): "ignore the attribute and drop it from the flow if the enclosed function or
/// attribute is NULL or empty"; a wrapper, not a condition (reference A.3; IIF rejects it as a condition).
/// </summary>
internal sealed class IgnoreFlowIfNullOrEmptyFunction : ExpressionFunction
{
    public override string Name => "IgnoreFlowIfNullOrEmpty";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("expression", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        return value.IsNullOrEmpty ? ExpressionValue.IgnoreAttributeFlow : value;
    }
}
