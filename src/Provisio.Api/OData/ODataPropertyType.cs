namespace Provisio.Api.OData;

/// <summary>What a query can do with a property: compare strings or booleans; collections and complex values it cannot.</summary>
internal enum ODataPropertyType
{
    /// <summary>The object's id, a GUID compared as a string.</summary>
    Id,
    String,
    Boolean,

    /// <summary>A directory extension (<c>extension_{appId}_{name}</c>): a string, boolean or null, undeclared.</summary>
    Untyped,

    /// <summary>Multi-valued (<c>proxyAddresses</c>): Graph filters these with lambda operators, which Provisio does not support.</summary>
    Collection,

    /// <summary>A complex value (<c>passwordProfile</c>): only the paths Graph allows into it can be filtered.</summary>
    Complex,
}
