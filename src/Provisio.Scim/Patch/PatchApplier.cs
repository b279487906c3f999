using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Scim.Filters;

namespace Provisio.Scim.Patch;

/// <summary>
/// Applies PATCH operations to a resource in place (RFC 7644 §3.5.2), with the leniencies Entra relies on
/// (reference B.4, B.6): a filtered path that matches nothing adds an element seeded from the filter
/// (<c>emails[type eq "work"].value</c>); booleans sent as <c>"True"</c>/<c>"False"</c> become booleans; a manager
/// sent as a plain id becomes <c>{"value": id}</c> and <c>""</c> removes it; a path-less add or replace reads each key of
/// its value as a path (<c>"name.givenName"</c>, URN-qualified keys); <c>null</c> clears. Returns the first error, or null.
/// </summary>
public static class PatchApplier
{
    private static readonly HashSet<string> MultiValued = new(StringComparer.OrdinalIgnoreCase)
    {
        "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates", "members",
    };

    private static readonly HashSet<string> Booleans = new(StringComparer.OrdinalIgnoreCase) { "active", "primary" };

    public static ScimParseError? Apply(JsonObject resource, IEnumerable<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            if (operation.Path is { } path)
            {
                if (Apply(resource, operation.Op, path, operation.Value) is { } error)
                {
                    return error;
                }

                continue;
            }

            // Path-less add/replace (the aadOptscim062020 form, reference B.7): each key is a path.
            foreach (var (key, value) in ((JsonObject)operation.Value!).ToList())
            {
                if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var parsed = AttributePath.Parse(key);
                if (!parsed.Succeeded)
                {
                    return parsed.Error with { Message = $"The value's key \"{key}\" is not an attribute path: {parsed.Error.Message}" };
                }

                if (Apply(resource, operation.Op, parsed.Path, value is null ? null : ScimJson.Copy(value)) is { } error)
                {
                    return error;
                }
            }
        }

        return null;
    }

    private static ScimParseError? Apply(JsonObject resource, PatchOperationType op, AttributePath path, JsonNode? value)
    {
        if (path.IsCore && path.Name is var name && (name.Equals("id", StringComparison.OrdinalIgnoreCase)
                                                   || name.Equals("meta", StringComparison.OrdinalIgnoreCase)))
        {
            return new ScimParseError($"The attribute \"{path}\" is read-only and cannot be patched.", 0, "mutability");
        }

        value = Normalize(path, value);
        if (op != PatchOperationType.Remove && value is null)
        {
            op = PatchOperationType.Remove; // null, or "" for a manager, clears the attribute (reference B.4 M5, B.6.5)
        }

        var container = Container(resource, path, create: op != PatchOperationType.Remove);
        if (container is null)
        {
            return null;
        }

        if (path.ValueFilter is { } filter)
        {
            return ApplyFiltered(container, op, path, filter, value);
        }

        if (path.SubAttribute is { } sub)
        {
            ApplySubAttribute(container, op, path.Name, sub, value);
            return null;
        }

        var existing = container[path.Name];
        switch (op)
        {
            case PatchOperationType.Remove when value is JsonArray removals && existing is JsonArray current:
                RemoveWhere(current, element => removals.Any(removal => SameElement(element, removal)));
                if (current.Count == 0)
                {
                    container.Remove(path.Name);
                }

                break;
            case PatchOperationType.Remove:
                container.Remove(path.Name);
                break;
            case PatchOperationType.Add when IsMultiValued(path.Name, existing, value):
                var target = existing as JsonArray ?? new JsonArray();
                var added = new List<JsonObject>();
                foreach (var item in value is JsonArray array ? array.ToList() : [value])
                {
                    if (!target.Any(element => SameElement(element, item)))
                    {
                        var copy = item?.DeepClone();
                        target.Add(copy);
                        if (copy is JsonObject addedElement)
                        {
                            added.Add(addedElement);
                        }
                    }
                }

                KeepSinglePrimary(target, added);

                if (!ReferenceEquals(target, existing))
                {
                    container[path.Name] = target;
                }

                break;
            // RFC 7644 §3.5.2.1 and §3.5.2.3: sub-attributes not in the value are left unchanged, for add and replace alike.
            case not PatchOperationType.Remove when existing is JsonObject complex && value is JsonObject addition:
                foreach (var (key, inner) in addition.ToList())
                {
                    complex[key] = inner?.DeepClone();
                }

                break;
            default:
                container[path.Name] = IsMultiValued(path.Name, existing, value) && value is not JsonArray
                    ? new JsonArray(value!.DeepClone())
                    : value?.DeepClone();
                break;
        }

        return null;
    }

    private static ScimParseError? ApplyFiltered(JsonObject container, PatchOperationType op, AttributePath path,
        FilterExpression filter, JsonNode? value)
    {
        var array = container[path.Name] as JsonArray;
        var matches = array?.OfType<JsonObject>().Where(element => filter.Matches(element)).ToList() ?? [];
        if (op == PatchOperationType.Remove)
        {
            if (array is null)
            {
                return null;
            }

            if (path.SubAttribute is { } removed)
            {
                matches.ForEach(element => element.Remove(removed));
            }
            else
            {
                RemoveWhere(array, element => element is JsonObject complex && matches.Contains(complex));
                if (array.Count == 0)
                {
                    container.Remove(path.Name);
                }
            }

            return null;
        }

        if (matches.Count == 0)
        {
            // Entra expects add and replace on a filtered path with no match to create the element (reference B.6.3).
            if (array is null)
            {
                array = [];
                container[path.Name] = array;
            }

            var element = Seed(filter);
            if (path.SubAttribute is { } sub)
            {
                element[sub] = value?.DeepClone();
            }
            else if (value is JsonObject fields)
            {
                foreach (var (key, inner) in fields.ToList())
                {
                    element[key] = inner?.DeepClone();
                }
            }
            else
            {
                return new ScimParseError($"The value for \"{path}\" must be an object.", 0, "invalidValue");
            }

            array.Add(element);
            KeepSinglePrimary(array, [element]);
            return null;
        }

        foreach (var element in matches)
        {
            if (path.SubAttribute is { } sub)
            {
                element[sub] = value?.DeepClone();
            }
            else if (value is JsonObject fields)
            {
                if (op == PatchOperationType.Replace)
                {
                    foreach (var key in element.Select(pair => pair.Key).ToList())
                    {
                        element.Remove(key);
                    }
                }

                foreach (var (key, inner) in fields.ToList())
                {
                    element[key] = inner?.DeepClone();
                }
            }
            else
            {
                return new ScimParseError($"The value for \"{path}\" must be an object.", 0, "invalidValue");
            }
        }

        KeepSinglePrimary(array!, matches);
        return null;
    }

    private static void ApplySubAttribute(JsonObject container, PatchOperationType op, string name, string sub, JsonNode? value)
    {
        var existing = container[name];
        if (existing is JsonArray array)
        {
            foreach (var element in array.OfType<JsonObject>())
            {
                if (op == PatchOperationType.Remove)
                {
                    element.Remove(sub);
                }
                else
                {
                    element[sub] = value?.DeepClone();
                }
            }

            return;
        }

        if (op == PatchOperationType.Remove)
        {
            if (existing is JsonObject complex)
            {
                complex.Remove(sub);
                if (complex.Count == 0)
                {
                    container.Remove(name);
                }
            }

            return;
        }

        if (existing is not JsonObject target)
        {
            target = ScimJson.NewObject();
            container[name] = target;
        }

        target[sub] = value?.DeepClone();
    }

    /// <summary>The object the attribute lives in: the resource, or its extension object (created, and listed in schemas).</summary>
    private static JsonObject? Container(JsonObject resource, AttributePath path, bool create)
    {
        if (path.IsCore)
        {
            return resource;
        }

        if (resource[path.Schema!] is JsonObject extension)
        {
            return extension;
        }

        if (!create)
        {
            return null;
        }

        extension = ScimJson.NewObject();
        resource[path.Schema!] = extension;
        if (resource["schemas"] is not JsonArray schemas)
        {
            schemas = [];
            resource["schemas"] = schemas;
        }

        if (!schemas.Any(schema => string.Equals(ScimJson.Text(schema), path.Schema, StringComparison.OrdinalIgnoreCase)))
        {
            schemas.Add(path.Schema);
        }

        return extension;
    }

    private static JsonNode? Normalize(AttributePath path, JsonNode? value)
    {
        var leaf = path.SubAttribute ?? path.Name;
        if (Booleans.Contains(leaf) && value is JsonValue text && text.GetValueKind() == JsonValueKind.String
            && bool.TryParse(text.GetValue<string>().Trim(), out var boolean))
        {
            return JsonValue.Create(boolean);
        }

        if (path.Name.Equals("manager", StringComparison.OrdinalIgnoreCase) && path.SubAttribute is null)
        {
            var manager = value is JsonArray array ? array.FirstOrDefault() : value;
            return manager switch
            {
                JsonValue id when id.GetValueKind() == JsonValueKind.String =>
                    id.GetValue<string>().Length == 0 ? null : new JsonObject(ScimJson.NodeOptions) { ["value"] = id.GetValue<string>() },
                JsonObject complex when string.IsNullOrEmpty(ScimJson.Text(complex["value"])) => null,
                _ => manager,
            };
        }

        return value;
    }

    /// <summary>
    /// "Setting primary to true SHALL cause the server to automatically set primary to false for any other values"
    /// (RFC 7644 §3.5.2): after a change, elements other than the changed ones lose their primary flag.
    /// </summary>
    private static void KeepSinglePrimary(JsonArray array, IReadOnlyCollection<JsonObject> changed)
    {
        if (!changed.Any(IsPrimary))
        {
            return;
        }

        foreach (var element in array.OfType<JsonObject>())
        {
            if (!changed.Contains(element) && IsPrimary(element))
            {
                element["primary"] = false;
            }
        }
    }

    private static bool IsPrimary(JsonObject element) =>
        element.TryGetPropertyValue("primary", out var primary) && primary is JsonValue flag
        && (flag.GetValueKind() == JsonValueKind.True
            || (flag.GetValueKind() == JsonValueKind.String && bool.TryParse(flag.GetValue<string>(), out var parsed) && parsed));

    /// <summary>The element a filter such as <c>type eq "work"</c> (and <c>and</c> of such) describes.</summary>
    private static JsonObject Seed(FilterExpression filter)
    {
        var element = ScimJson.NewObject();
        Fill(filter);
        return element;

        void Fill(FilterExpression part)
        {
            switch (part)
            {
                case AttributeFilter { Operator: ComparisonOperator.Equal, Path.SubAttribute: null, Path.ValueFilter: null } equality:
                    element[equality.Path.Name] = equality.Value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
                        && Booleans.Contains(equality.Path.Name) && bool.TryParse(scalar.GetValue<string>(), out var flag)
                            ? JsonValue.Create(flag)
                            : equality.Value?.DeepClone();
                    break;
                case LogicalFilter { IsAnd: true } and:
                    Fill(and.Left);
                    Fill(and.Right);
                    break;
            }
        }
    }

    private static bool IsMultiValued(string name, JsonNode? existing, JsonNode? value) =>
        MultiValued.Contains(name) || existing is JsonArray || value is JsonArray;

    /// <summary>Two elements are the same value when their <c>value</c> sub-attributes are equal, or, without one, when equal.</summary>
    private static bool SameElement(JsonNode? left, JsonNode? right)
    {
        var leftValue = left is JsonObject leftComplex ? leftComplex["value"] : left;
        var rightValue = right is JsonObject rightComplex ? rightComplex["value"] : right;
        if (leftValue is not null && rightValue is not null)
        {
            return JsonNode.DeepEquals(leftValue, rightValue);
        }

        return JsonNode.DeepEquals(left, right);
    }

    private static void RemoveWhere(JsonArray array, Func<JsonNode?, bool> predicate)
    {
        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (predicate(array[i]))
            {
                array.RemoveAt(i);
            }
        }
    }
}
