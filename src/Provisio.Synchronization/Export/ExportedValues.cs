using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Export;

/// <summary>
/// What the target holds from us for one object: each exported target attribute and its last exported value, kept by
/// the engine with the object's link (the connector data store, reference entra-engine-and-api §1.1). An update
/// exports only what differs from it. Values are kept in the object mapping's order, so looking one up while walking
/// the mapping is one comparison, not a dictionary.
/// </summary>
public sealed class ExportedValues
{
    private readonly ExportedValue[] _values;

    private ExportedValues(ExportedValue[] values) => _values = values;

    public static ExportedValues Empty { get; } = new([]);

    public IReadOnlyList<ExportedValue> Values => _values;

    public int Count => _values.Length;

    /// <summary>The values of <paramref name="values"/>, nulls left out (a null is never exported).</summary>
    public static ExportedValues From(IEnumerable<ExportedValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ExportedValues(values.Where(value => !value.Value.IsNull).ToArray());
    }

    /// <summary>What a create of <paramref name="mapped"/> sends: every value that is not null, references apart.</summary>
    public static ExportedValues Of(MappedObject mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var values = mapped.Values;
        var count = 0;
        foreach (var value in values)
        {
            count += value.IsNull ? 0 : 1;
        }

        var exported = new ExportedValue[count];
        var next = 0;
        for (var index = 0; index < values.Length; index++)
        {
            if (!values[index].IsNull)
            {
                exported[next++] = new ExportedValue(mapped.Mapping.Attributes[index].TargetAttributeName, values[index]);
            }
        }

        return new ExportedValues(exported);
    }

    /// <summary>
    /// The values a target resource holds for each mapped attribute, read through its SCIM path (<c>userName</c>,
    /// <c>name.givenName</c>, <c>emails[type eq "work"].value</c>, URN-qualified extension attributes): the last exported
    /// values of an object that was matched rather than created, so that its first update sends only what differs, with
    /// Add where the target has no value and Replace where it has one (reference entra-expressions-and-scim B.6.3).
    /// </summary>
    public static ExportedValues FromResource(CompiledObjectMapping mapping, JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(resource);
        var values = new List<ExportedValue>(mapping.Attributes.Count);
        foreach (var attribute in mapping.Attributes)
        {
            if (attribute.TargetPath is null || attribute.IsReference)
            {
                continue;
            }

            var value = ToTargetValue(ScimResourcePaths.Resolve(resource, attribute.TargetPath), attribute);
            if (!value.IsNull)
            {
                values.Add(new ExportedValue(attribute.TargetAttributeName, value));
            }
        }

        return new ExportedValues(values.ToArray());
    }

    /// <summary>
    /// The values as one JSON object keyed by target attribute name (strings, JSON booleans, arrays of strings), for the
    /// engine to keep with the object's link; <see cref="FromJson"/> reads it back.
    /// </summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var value in _values)
        {
            json[value.TargetAttributeName] = value.Value.ToJson();
        }

        return json;
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote; anything but a string, a boolean or an array of strings is left out.</summary>
    public static ExportedValues FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var values = new List<ExportedValue>(json.Count);
        foreach (var (name, node) in json)
        {
            var value = node switch
            {
                JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => TargetValue.From(scalar.GetValue<string>()),
                JsonValue scalar when scalar.GetValueKind() is JsonValueKind.True or JsonValueKind.False => TargetValue.From(scalar.GetValueKind() == JsonValueKind.True),
                JsonArray array when array.Any(item => item is JsonObject) => TargetValue.FromRoleObjects(array),
                JsonArray array => TargetValue.From(array.OfType<JsonValue>().Where(item => item.GetValueKind() == JsonValueKind.String)
                    .Select(item => item.GetValue<string>()).ToArray()),
                _ => TargetValue.Null,
            };
            if (!value.IsNull)
            {
                values.Add(new ExportedValue(name, value));
            }
        }

        return new ExportedValues(values.ToArray());
    }

    public bool TryGetValue(string targetAttributeName, out TargetValue value)
    {
        var cursor = 0;
        return TryGetValue(targetAttributeName, ref cursor, out value);
    }

    /// <summary>Looks <paramref name="targetAttributeName"/> up at <paramref name="cursor"/> first, then everywhere; moves the cursor past it.</summary>
    internal bool TryGetValue(string targetAttributeName, ref int cursor, out TargetValue value)
    {
        // Values kept from the same compiled mapping share its name strings: the reference test is the usual hit.
        if (cursor < _values.Length && (ReferenceEquals(_values[cursor].TargetAttributeName, targetAttributeName)
            || _values[cursor].TargetAttributeName.Equals(targetAttributeName, StringComparison.OrdinalIgnoreCase)))
        {
            value = _values[cursor++].Value;
            return true;
        }

        for (var index = 0; index < _values.Length; index++)
        {
            if (_values[index].TargetAttributeName.Equals(targetAttributeName, StringComparison.OrdinalIgnoreCase))
            {
                value = _values[index].Value;
                cursor = index + 1;
                return true;
            }
        }

        value = TargetValue.Null;
        return false;
    }

    /// <summary>These values with <paramref name="changes"/> applied: changed ones replaced in place, new ones appended.</summary>
    public ExportedValues With(IReadOnlyList<ExportedValue> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return this;
        }

        var values = new List<ExportedValue>(_values.Length + changes.Count);
        values.AddRange(_values);
        foreach (var change in changes)
        {
            if (change.Value.IsNull)
            {
                continue;
            }

            var index = values.FindIndex(value => value.TargetAttributeName.Equals(change.TargetAttributeName, StringComparison.OrdinalIgnoreCase));

            if (index >= 0)
            {
                values[index] = change;
            }
            else
            {
                values.Add(change);
            }
        }

        return new ExportedValues(values.ToArray());
    }

    private static TargetValue ToTargetValue(JsonNode? node, CompiledAttributeMapping attribute)
    {
        switch (node)
        {
            case JsonValue scalar:
                var kind = scalar.GetValueKind();
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    return TargetValue.From(kind == JsonValueKind.True);
                }

                var text = kind == JsonValueKind.String ? scalar.GetValue<string>() : kind == JsonValueKind.Number ? scalar.ToJsonString() : null;
                // A target may answer a Boolean as "True"/"False" (reference entra-expressions-and-scim B.3.6).
                return attribute.Type == AttributeType.Boolean && bool.TryParse(text, out var boolean)
                    ? TargetValue.From(boolean)
                    : TargetValue.From(text);
            case JsonArray array when array.Any(item => item is JsonObject):
                // A complex multi-valued attribute the target holds (roles): its role objects.
                return TargetValue.FromRoleObjects(array, attribute.IsAssertiveRoles);
            case JsonArray array:
                var items = new List<string>(array.Count);
                foreach (var item in array)
                {
                    if (item is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        items.Add(value.GetValue<string>());
                    }
                }

                return TargetValue.From(items);
            default:
                return TargetValue.Null;
        }
    }
}
