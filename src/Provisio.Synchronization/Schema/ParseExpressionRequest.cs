namespace Provisio.Synchronization.Schema;

/// <summary>
/// The body of Graph's <c>synchronizationSchema: parseExpression</c> action (reference entra-engine-and-api §6.1,
/// entra-expressions-and-scim A.1.1): the expression, an optional test object to evaluate it against, and an optional
/// definition of the attribute it maps to.
/// </summary>
public sealed record ParseExpressionRequest
{
    public string? Expression { get; init; }

    public ExpressionInputObject? TestInputObject { get; init; }

    /// <summary>Read and kept for Graph's shape; the evaluation does not depend on it (Graph documents no effect).</summary>
    public AttributeDefinition? TargetAttributeDefinition { get; init; }
}
