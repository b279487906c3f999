using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// DefaultDomain(): the tenant's default verified domain; "If no default verified domain is found, the function
/// returns an error." (reference A.3 DefaultDomain).
/// </summary>
internal sealed class DefaultDomainFunction : ExpressionFunction
{
    public override string Name => "DefaultDomain";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [];

    public override bool IsVolatile => true;

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        scope.Environment.DefaultDomain is { Length: > 0 } domain
            ? ExpressionValue.From(domain)
            : throw Fail(ExpressionErrorCodes.DefaultDomainUnavailable, "no default verified domain is configured.");
}
