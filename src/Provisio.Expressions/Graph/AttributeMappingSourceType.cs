namespace Provisio.Expressions.Graph;

/// <summary>Graph's <c>attributeMappingSourceType</c>.</summary>
public enum AttributeMappingSourceType
{
    Attribute,
    Constant,
    Function,
}
