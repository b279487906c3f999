using System.Text.Json.Nodes;
using Provisio.Scim.Filters;

namespace Provisio.Synchronization.Export;

/// <summary>Reads the value a SCIM attribute path names in a resource (RFC 7644 §3.10, the path forms of reference B.6.4).</summary>
internal static class ScimResourcePaths
{
    /// <summary>
    /// The node at <paramref name="path"/>: an extension attribute inside its URN-keyed object, a value-filtered path in
    /// the first element the filter matches, a sub-attribute inside its complex value; null when there is none.
    /// </summary>
    public static JsonNode? Resolve(JsonObject resource, AttributePath path)
    {
        var container = path.IsCore ? resource : Property(resource, path.Schema!) as JsonObject;
        var node = container is null ? null : Property(container, path.Name);
        if (path.ValueFilter is { } filter)
        {
            node = node is JsonArray elements ? FirstMatch(elements, filter) : null;
        }

        if (path.SubAttribute is { } sub)
        {
            node = node is JsonObject complex ? Property(complex, sub) : null;
        }

        return node;
    }

    private static JsonObject? FirstMatch(JsonArray elements, FilterExpression filter)
    {
        foreach (var element in elements)
        {
            if (element is JsonObject candidate && filter.Matches(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A property by name, case-insensitively (RFC 7643 §2.1) even in a resource parsed case-sensitively.</summary>
    private static JsonNode? Property(JsonObject container, string name)
    {
        if (container.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in container)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
