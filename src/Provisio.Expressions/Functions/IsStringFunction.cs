using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>IsString(expression): True when the value "can be evaluated to a string type": a single, non-null value (reference A.3).</summary>
internal sealed class IsStringFunction : ExpressionFunction
{
    public override string Name => "IsString";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("expression", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        return ExpressionValue.From(!value.IsNull && !value.IsFlowControl && value.AsString() is not null);
    }
}
