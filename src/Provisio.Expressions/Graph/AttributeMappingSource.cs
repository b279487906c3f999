namespace Provisio.Expressions.Graph;

/// <summary>
/// Graph's <c>attributeMappingSource</c>: the parsed form of an expression that <c>schema/parseExpression</c>
/// returns and attribute mappings store (reference A.1.1). Serialized camelCase by the API.
/// </summary>
public sealed record AttributeMappingSource
{
    public string? Expression { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<StringKeyAttributeMappingSourceValuePair> Parameters { get; init; } = [];

    public AttributeMappingSourceType Type { get; init; }
}

/// <summary>Graph's <c>stringKeyAttributeMappingSourceValuePair</c>: one parameter of a function source.</summary>
public sealed record StringKeyAttributeMappingSourceValuePair(string Key, AttributeMappingSource Value);
