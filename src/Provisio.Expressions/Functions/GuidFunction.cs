using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>Guid(): a new random GUID, lower-case with hyphens (reference A.3 Guid).</summary>
internal sealed class GuidFunction : ExpressionFunction
{
    public override string Name => "Guid";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [];

    public override bool IsVolatile => true;

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        ExpressionValue.From(System.Guid.NewGuid().ToString("D"));
}
