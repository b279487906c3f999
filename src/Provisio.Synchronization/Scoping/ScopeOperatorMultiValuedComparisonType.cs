namespace Provisio.Synchronization.Scoping;

/// <summary>
/// Graph's <c>scopeOperatorMultiValuedComparisonType</c>: on a multi-valued attribute, whether all values or any value
/// must satisfy the condition (default <see cref="All"/>). Entra does not filter on multi-valued attributes at all
/// (reference: entra-engine-and-api §4.2), so this is schema data only.
/// </summary>
public enum ScopeOperatorMultiValuedComparisonType
{
    All,
    Any,
}
