using Provisio.Expressions.Functions;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>attributeMappingFunctionSchema</c>, one item of <c>GET …/schema/functions</c> (reference
/// entra-engine-and-api §6.1, entra-expressions-and-scim A.1.1). Graph's example response names a function with
/// <c>name</c> while the resource type declares the key <c>id</c> (Microsoft.Graph's model reads <c>id</c>); both are
/// written, with the same value.
/// </summary>
public sealed record AttributeMappingFunctionSchema
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<AttributeMappingParameterSchema> Parameters { get; init; } = [];

    /// <summary>Every function of <paramref name="catalog"/>, by name.</summary>
    public static IReadOnlyList<AttributeMappingFunctionSchema> From(FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Functions.Select(From)];
    }

    public static AttributeMappingFunctionSchema From(ExpressionFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new AttributeMappingFunctionSchema
        {
            Id = function.Name,
            Name = function.Name,
            Parameters = [.. function.Parameters.Select(AttributeMappingParameterSchema.From)],
        };
    }
}

/// <summary>
/// Graph's <c>attributeMappingParameterSchema</c>: <c>{"allowMultipleOccurrences":false,"name":"source","required":true,"type":"String"}</c>.
/// Its <c>type</c> is an <c>attributeType</c>; a parameter that takes an attribute or any expression is a <c>String</c>,
/// as Graph lists Append's and FormatDateTime's <c>source</c>.
/// </summary>
public sealed record AttributeMappingParameterSchema
{
    public bool AllowMultipleOccurrences { get; init; }

    public required string Name { get; init; }

    public bool Required { get; init; }

    public AttributeType Type { get; init; } = AttributeType.String;

    public static AttributeMappingParameterSchema From(FunctionParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return new AttributeMappingParameterSchema
        {
            AllowMultipleOccurrences = parameter.AllowMultipleOccurrences,
            Name = parameter.Name,
            Required = parameter.Required,
            Type = parameter.Type switch
            {
                FunctionParameterType.Integer => AttributeType.Integer,
                FunctionParameterType.Boolean => AttributeType.Boolean,
                FunctionParameterType.DateTime => AttributeType.DateTime,
                _ => AttributeType.String,
            },
        };
    }
}
