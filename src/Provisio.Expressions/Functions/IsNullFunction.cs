using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>IsNull(expression): True when the value is null, i.e. the attribute is absent (reference A.3 IsNull).</summary>
internal sealed class IsNullFunction : ExpressionFunction
{
    public override string Name => "IsNull";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("expression", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        ExpressionValue.From(arguments[0](scope).IsNull);
}
