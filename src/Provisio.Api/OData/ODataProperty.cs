namespace Provisio.Api.OData;

/// <summary>A property a query names, in Graph's spelling (a path with <c>/</c> into a complex property).</summary>
internal readonly record struct ODataProperty(string Name, ODataPropertyType Type);
