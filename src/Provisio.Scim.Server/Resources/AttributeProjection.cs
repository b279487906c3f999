using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Resources;

/// <summary>
/// The <c>attributes</c> and <c>excludedAttributes</c> query parameters (RFC 7644 §3.4.2.5, §3.9): attribute names,
/// sub-attributes (<c>name.givenName</c>, <c>emails.value</c>), URN-qualified names and whole extensions, compared
/// case-insensitively. <c>id</c> and <c>schemas</c> are always returned (RFC 7643 §3.1, returned "always").
/// </summary>
internal sealed class AttributeProjection
{
    private readonly IReadOnlyList<string> _attributes;
    private readonly IReadOnlyList<string> _excluded;

    private AttributeProjection(IReadOnlyList<string> attributes, IReadOnlyList<string> excluded)
    {
        _attributes = attributes;
        _excluded = excluded;
    }

    public static AttributeProjection None { get; } = new([], []);

    public bool IsNone => _attributes.Count == 0 && _excluded.Count == 0;

    public static AttributeProjection From(string? attributes, string? excludedAttributes) =>
        new(Split(attributes), Split(excludedAttributes));

    /// <summary>The same projection without one excluded attribute (the <c>members-in-group-query</c> fault).</summary>
    public AttributeProjection Including(string name) =>
        new(_attributes, _excluded.Where(excluded => !excluded.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList());

    public JsonObject Apply(JsonObject resource, ScimResourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_attributes.Count > 0)
        {
            var result = ScimJson.NewObject();
            Copy(resource, result, "schemas");
            Copy(resource, result, "id");
            foreach (var attribute in _attributes)
            {
                Include(resource, result, Resolve(resource, kind, attribute));
            }

            resource = result;
        }

        foreach (var attribute in _excluded)
        {
            Exclude(resource, Resolve(resource, kind, attribute));
        }

        return resource;
    }

    private static void Include(JsonObject source, JsonObject target, Reference reference)
    {
        if (reference.Extension is { } extension)
        {
            if (source[extension] is not JsonObject sourceExtension)
            {
                return;
            }

            var key = KeyOf(source, extension);
            if (reference.Name is null)
            {
                target[key] = sourceExtension.DeepClone();
                return;
            }

            if (target[key] is not JsonObject targetExtension)
            {
                targetExtension = ScimJson.NewObject();
                target[key] = targetExtension;
            }

            source = sourceExtension;
            target = targetExtension;
        }

        if (reference.Name is not { } name || source[name] is not { } node)
        {
            return;
        }

        var nameKey = KeyOf(source, name);
        if (reference.SubAttribute is not { } sub)
        {
            target[nameKey] = node.DeepClone();
            return;
        }

        switch (node)
        {
            case JsonObject complex when complex[sub] is { } inner:
                if (target[nameKey] is not JsonObject targetComplex)
                {
                    targetComplex = ScimJson.NewObject();
                    target[nameKey] = targetComplex;
                }

                targetComplex[KeyOf(complex, sub)] = inner.DeepClone();
                break;
            case JsonArray array:
                var projected = new JsonArray();
                foreach (var element in array.OfType<JsonObject>())
                {
                    if (element[sub] is { } value)
                    {
                        projected.Add(new JsonObject(ScimJson.NodeOptions) { [KeyOf(element, sub)] = value.DeepClone() });
                    }
                }

                target[nameKey] = projected;
                break;
        }
    }

    private static void Exclude(JsonObject resource, Reference reference)
    {
        var container = resource;
        if (reference.Extension is { } extension)
        {
            if (reference.Name is null)
            {
                resource.Remove(KeyOf(resource, extension));
                return;
            }

            if (resource[extension] is not JsonObject inner)
            {
                return;
            }

            container = inner;
        }

        if (reference.Name is not { } name
            || ReferenceEquals(container, resource) && (name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.Equals("schemas", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (reference.SubAttribute is not { } sub)
        {
            container.Remove(KeyOf(container, name));
            return;
        }

        switch (container[name])
        {
            case JsonObject complex:
                complex.Remove(KeyOf(complex, sub));
                break;
            case JsonArray array:
                foreach (var element in array.OfType<JsonObject>())
                {
                    element.Remove(KeyOf(element, sub));
                }

                break;
        }
    }

    /// <summary>
    /// <c>name</c>, <c>name.sub</c>, <c>urn:...:User:name[.sub]</c> (core URN: top level; extension URN: inside the
    /// extension object) or a bare extension URN (the whole extension).
    /// </summary>
    private static Reference Resolve(JsonObject resource, ScimResourceKind kind, string attribute)
    {
        string? extension = null;
        var rest = attribute;
        if (attribute.StartsWith(ScimSchemas.UrnPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (attribute.StartsWith(kind.Schema + ":", StringComparison.OrdinalIgnoreCase))
            {
                rest = attribute[(kind.Schema.Length + 1)..];
            }
            else
            {
                extension = resource.Select(pair => pair.Key)
                    .Where(key => key.StartsWith(ScimSchemas.UrnPrefix, StringComparison.OrdinalIgnoreCase)
                        && (attribute.Equals(key, StringComparison.OrdinalIgnoreCase)
                            || attribute.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
                    .OrderByDescending(key => key.Length)
                    .FirstOrDefault();
                if (extension is null)
                {
                    // An extension this resource does not have: split at the last colon, so nothing matches below.
                    var colon = attribute.LastIndexOf(':');
                    return new Reference(attribute[..colon], attribute[(colon + 1)..], null);
                }

                if (attribute.Length == extension.Length)
                {
                    return new Reference(extension, null, null);
                }

                rest = attribute[(extension.Length + 1)..];
            }
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new Reference(extension, rest, null) : new Reference(extension, rest[..dot], rest[(dot + 1)..]);
    }

    private static void Copy(JsonObject source, JsonObject target, string name)
    {
        if (source[name] is { } node)
        {
            target[KeyOf(source, name)] = node.DeepClone();
        }
    }

    /// <summary>The property's name as stored (names match case-insensitively, output keeps the stored casing).</summary>
    private static string KeyOf(JsonObject container, string name) =>
        container.Select(pair => pair.Key).FirstOrDefault(key => key.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;

    private static List<string> Split(string? list) => string.IsNullOrWhiteSpace(list)
        ? []
        : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private sealed record Reference(string? Extension, string? Name, string? SubAttribute);
}
