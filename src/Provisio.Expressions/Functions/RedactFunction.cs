using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Redact(value): the value flows unchanged, but provisioning logs show <c>[Redact]</c> in its place
/// (reference A.3 Redact); <see cref="Compilation.CompiledExpression.IsRedacted"/> tells the engine.
/// </summary>
internal sealed class RedactFunction : ExpressionFunction
{
    public const string Placeholder = "[Redact]";

    public override string Name => "Redact";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("value", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) => arguments[0](scope);
}
