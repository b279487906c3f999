using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping;

/// <summary>
/// Graph's <c>filterOperatorSchema</c>, one item of <c>GET …/schema/filterOperators</c> (reference: entra-engine-and-api
/// §4.1, §6.1): <c>{"name":"EQUALS","arity":"Binary","multivaluedComparisonType":"All","supportedAttributeTypes":["Integer","String"]}</c>.
/// </summary>
public sealed record FilterOperatorSchema
{
    public required string Name { get; init; }

    public ScopeOperatorType Arity { get; init; } = ScopeOperatorType.Binary;

    public ScopeOperatorMultiValuedComparisonType MultivaluedComparisonType { get; init; } = ScopeOperatorMultiValuedComparisonType.All;

    public IReadOnlyList<AttributeType> SupportedAttributeTypes { get; init; } = [];
}
