using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Scim;
using Provisio.Scim.Client;
using Provisio.Scim.Filters;
using Provisio.Synchronization.Mapping;

namespace Provisio.Synchronization.Export;

/// <summary>
/// Writes the body of <c>POST /Users</c> and <c>POST /Groups</c> from mapped values in the shape Entra sends
/// (reference entra-expressions-and-scim B.3.1, B.5). The layout is worked out once per object mapping; each write
/// only fills it. Keys go as in B.3.1: <c>schemas</c>, <c>externalId</c>, <c>userName</c>, then the other core
/// attributes alphabetically (with <c>meta</c>), then the extension objects. Null values are left out (reference
/// entra-engine-and-api §1.7), and so are references: manager and members follow once the object exists (§1.9, B.5).
/// </summary>
public sealed class ScimResourceWriter
{
    /// <summary>Microsoft's AD SCIM group schema, the second URN Entra lists on a group (reference B.5, §1.17).</summary>
    public const string GroupExtensionSchema = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

    /// <summary>The type Entra gives role elements (reference entra-expressions-and-scim B.6.7).</summary>
    public const string RoleType = "WindowsAzureActiveDirectoryRole";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ScimJson.WriteOptions.Encoder };

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _utf8;

    private readonly string[] _schemas;
    private readonly Member[] _members;

    // A name given twice in one object (two mappings to one path) is written once, at its first place, with its last
    // value, as a JsonObject does; such a layout is written through the nodes.
    private readonly bool _namesDistinct;

    public ScimResourceWriter(CompiledObjectMapping mapping, ScimResourceType resourceType)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        Mapping = mapping;
        ResourceType = resourceType;
        // reference B.3.1: core and enterprise URNs (the enterprise one whenever the mapping writes the extension, as in
        // B.3.1's body, which lists it with no extension attribute); custom extension URNs are not listed (CAA, B.3.1).
        // reference B.5: a group lists the core Group schema and Microsoft's AD SCIM group schema.
        _schemas = resourceType == ScimResourceType.Group
            ? [ScimSchemas.Group, GroupExtensionSchema]
            : mapping.HasEnterpriseAttributes ? [ScimSchemas.User, ScimSchemas.EnterpriseUser] : [ScimSchemas.User];
        _members = Layout(mapping, resourceType);
        _namesDistinct = NamesDistinct(["schemas", .. _members.Select(member => member.Key)]) && _members.All(member => member.NamesDistinct);
    }

    public CompiledObjectMapping Mapping { get; }

    public ScimResourceType ResourceType { get; }

    /// <summary>The resource type a target object name stands for: Group for the core or bare Group, else User.</summary>
    public static ScimResourceType ResourceTypeOf(string targetObjectName)
    {
        ArgumentNullException.ThrowIfNull(targetObjectName);
        return targetObjectName.Equals("Group", StringComparison.OrdinalIgnoreCase)
            || targetObjectName.Equals(ScimSchemas.Group, StringComparison.OrdinalIgnoreCase)
            ? ScimResourceType.Group
            : ScimResourceType.User;
    }

    /// <summary>The create body for <paramref name="mapped"/>, evaluated for a create.</summary>
    public JsonObject Write(MappedObject mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        if (!ReferenceEquals(mapped.Mapping, Mapping))
        {
            throw new ArgumentException("The object was mapped by another object mapping than this writer's.", nameof(mapped));
        }

        var values = mapped.Values;
        var schemas = new JsonArray();
        foreach (var schema in _schemas)
        {
            schemas.Add(JsonValue.Create(schema));
        }

        var body = new JsonObject { ["schemas"] = schemas };
        foreach (var member in _members)
        {
            if (member.Write(values) is { } node)
            {
                body[member.Key] = node;
            }
        }

        return body;
    }

    /// <summary>
    /// The create body's JSON text, exactly as <see cref="ScimJson.Serialize"/> writes <see cref="Write"/>'s body, but
    /// written straight to UTF-8 from the mapped values, without building the nodes first.
    /// </summary>
    public string WriteJson(MappedObject mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        if (!ReferenceEquals(mapped.Mapping, Mapping))
        {
            throw new ArgumentException("The object was mapped by another object mapping than this writer's.", nameof(mapped));
        }

        if (!_namesDistinct)
        {
            return ScimJson.Serialize(Write(mapped));
        }

        var (buffer, writer) = _utf8 ??= (new ArrayBufferWriter<byte>(2048), new Utf8JsonWriter(Stream.Null, WriterOptions));
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        var values = mapped.Values;
        writer.WriteStartObject();
        writer.WriteStartArray("schemas");
        foreach (var schema in _schemas)
        {
            writer.WriteStringValue(schema);
        }

        writer.WriteEndArray();
        foreach (var member in _members)
        {
            if (member.HasValue(values))
            {
                writer.WritePropertyName(member.Key);
                member.WriteValue(writer, values);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool NamesDistinct(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return names.All(seen.Add);
    }

    private static Member[] Layout(CompiledObjectMapping mapping, ScimResourceType resourceType)
    {
        var core = new List<(AttributePath Path, int Index)>();
        var extensions = new List<(string Schema, List<(AttributePath Path, int Index)> Items)>();
        foreach (var attribute in mapping.Attributes)
        {
            if (attribute.TargetPath is not { } path || attribute.IsReference || !attribute.Succeeded)
            {
                continue;
            }

            if (path.IsCore)
            {
                core.Add((path, attribute.Index));
                continue;
            }

            var extension = extensions.FindIndex(entry => entry.Schema.Equals(path.Schema, StringComparison.OrdinalIgnoreCase));
            if (extension < 0)
            {
                extensions.Add((path.Schema!, []));
                extension = extensions.Count - 1;
            }

            extensions[extension].Items.Add((path, attribute.Index));
        }

        var members = Members(core, topLevel: true);
        // reference B.3.1: meta.resourceType is sent; a user without a role mapping gets "roles": [].
        members.Add(new ConstantMember("meta", () => new JsonObject { ["resourceType"] = resourceType == ScimResourceType.Group ? "Group" : "User" }));
        if (resourceType == ScimResourceType.User && !members.Any(member => member.Key.Equals("roles", StringComparison.OrdinalIgnoreCase)))
        {
            members.Add(new ConstantMember("roles", () => new JsonArray()));
        }

        members.Sort(static (left, right) => Rank(left.Key).CompareTo(Rank(right.Key)) is var rank and not 0
            ? rank
            : StringComparer.OrdinalIgnoreCase.Compare(left.Key, right.Key));

        // Extension objects last, the enterprise one first (reference B.3.1 "Shape rules").
        foreach (var (schema, items) in extensions.OrderBy(entry => entry.Schema.Equals(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase) ? 0 : 1))
        {
            var inner = Members(items, topLevel: false);
            inner.Sort(static (left, right) => StringComparer.OrdinalIgnoreCase.Compare(left.Key, right.Key));
            members.Add(new ObjectMember(schema, inner.ToArray()));
        }

        return members.ToArray();
    }

    /// <summary>schemas, externalId and userName lead (reference B.3.1); the rest follow alphabetically.</summary>
    private static int Rank(string key) =>
        key.Equals("externalId", StringComparison.OrdinalIgnoreCase) ? 0
        : key.Equals("userName", StringComparison.OrdinalIgnoreCase) ? 1
        : 2;

    /// <summary>Groups the paths of one container by attribute: a value, a complex value, or a multi-valued attribute's elements.</summary>
    private static List<Member> Members(List<(AttributePath Path, int Index)> items, bool topLevel)
    {
        var members = new List<Member>();
        foreach (var group in items.GroupBy(item => item.Path.Name, StringComparer.OrdinalIgnoreCase))
        {
            var key = group.First().Path.Name;
            var filtered = group.Where(item => item.Path.ValueFilter is not null).ToList();
            if (filtered.Count > 0)
            {
                members.Add(MultiValued(key, filtered, topLevel));
                continue;
            }

            var complex = group.Where(item => item.Path.SubAttribute is not null).ToList();
            if (complex.Count > 0)
            {
                // reference B.3.1: name is written formatted, familyName, givenName: formatted first, then alphabetically.
                var subs = complex
                    .OrderBy(item => item.Path.SubAttribute!.Equals("formatted", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                    .ThenBy(item => item.Path.SubAttribute, StringComparer.OrdinalIgnoreCase)
                    .Select(item => (Member)new ValueMember(item.Path.SubAttribute!, item.Index))
                    .ToArray();
                members.Add(new ObjectMember(key, subs));
                continue;
            }

            members.Add(new ValueMember(key, group.First().Index));
        }

        return members;
    }

    /// <summary>
    /// <c>emails[type eq "work"].value</c> and its siblings become one element per filter value, in the order the
    /// mappings name them, holding the filter's attribute (<c>"type": "work"</c>) and the sub-attributes
    /// (reference B.3.1, CAA: one element per type).
    /// </summary>
    private static ArrayMember MultiValued(string key, List<(AttributePath Path, int Index)> items, bool topLevel)
    {
        var elements = new List<ElementMember>();
        foreach (var element in items.GroupBy(item => Discriminator(item.Path), StringComparer.OrdinalIgnoreCase))
        {
            var filter = (AttributeFilter)element.First().Path.ValueFilter!;
            var discriminatorName = filter.Path.Name;
            var subs = element
                .Select(item => (Member)new ValueMember(item.Path.SubAttribute ?? "value", item.Index))
                .ToList();
            var fixedMembers = new List<Member> { Fixed(discriminatorName, filter.Value) };
            var mapped = subs.Select(sub => sub.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            // reference B.3.1: the work email is sent with "primary": true.
            if (topLevel && key.Equals("emails", StringComparison.OrdinalIgnoreCase) && IsWork(discriminatorName, filter.Value)
                && !mapped.Contains("primary"))
            {
                fixedMembers.Add(new ConstantMember("primary", () => JsonValue.Create(true)));
            }

            // reference B.6.7 (and MicrosoftDocs/entra-docs#391): role elements carry "type": "WindowsAzureActiveDirectoryRole".
            if (topLevel && key.Equals("roles", StringComparison.OrdinalIgnoreCase)
                && !discriminatorName.Equals("type", StringComparison.OrdinalIgnoreCase) && !mapped.Contains("type"))
            {
                fixedMembers.Add(new ConstantMember("type", () => JsonValue.Create(RoleType)));
            }

            // The element's discriminators lead (primary, then type), then its values alphabetically (reference B.3.1).
            fixedMembers.Sort(static (left, right) => StringComparer.OrdinalIgnoreCase.Compare(left.Key, right.Key));
            subs.Sort(static (left, right) => StringComparer.OrdinalIgnoreCase.Compare(left.Key, right.Key));
            elements.Add(new ElementMember(fixedMembers.ToArray(), subs.ToArray()));
        }

        return new ArrayMember(key, elements.ToArray());
    }

    private static string Discriminator(AttributePath path)
    {
        var filter = (AttributeFilter)path.ValueFilter!;
        return filter.Path.Name + "=" + (ScimJson.Text(filter.Value) ?? string.Empty);
    }

    private static bool IsWork(string discriminatorName, JsonNode? value) =>
        discriminatorName.Equals("type", StringComparison.OrdinalIgnoreCase)
        && string.Equals(ScimJson.Text(value), "work", StringComparison.OrdinalIgnoreCase);

    /// <summary>The filter's attribute and value as the element's member; <c>primary eq "True"</c> is the boolean true (RFC 7643 §2.4).</summary>
    private static ConstantMember Fixed(string name, JsonNode? value)
    {
        var text = ScimJson.Text(value);
        if (name.Equals("primary", StringComparison.OrdinalIgnoreCase) && bool.TryParse(text, out var primary))
        {
            return new ConstantMember(name, () => JsonValue.Create(primary));
        }

        return new ConstantMember(name, () => value?.DeepClone());
    }

    private abstract class Member(string key)
    {
        public string Key { get; } = key;

        /// <summary>Whether the names inside this member's objects are distinct (see <see cref="_namesDistinct"/>).</summary>
        public virtual bool NamesDistinct => true;

        /// <summary>The member's JSON for these values, or null to leave it out.</summary>
        public abstract JsonNode? Write(ReadOnlySpan<TargetValue> values);

        /// <summary>Whether <see cref="Write"/> gives a value (the member is written).</summary>
        public abstract bool HasValue(ReadOnlySpan<TargetValue> values);

        /// <summary>Writes what <see cref="Write"/> gives (<see cref="HasValue"/> true), or JSON null when it gives none.</summary>
        public abstract void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<TargetValue> values);
    }

    private sealed class ValueMember(string key, int index) : Member(key)
    {
        public override JsonNode? Write(ReadOnlySpan<TargetValue> values) => values[index].ToJson();

        public override bool HasValue(ReadOnlySpan<TargetValue> values) => !values[index].IsNull;

        public override void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<TargetValue> values)
        {
            var value = values[index];
            switch (value.Kind)
            {
                case TargetValueKind.String:
                    writer.WriteStringValue(value.AsString());
                    break;
                case TargetValueKind.Boolean:
                    writer.WriteBooleanValue(value.AsBoolean());
                    break;
                case TargetValueKind.MultiValued:
                    writer.WriteStartArray();
                    foreach (var item in value.AsList())
                    {
                        writer.WriteStringValue(item);
                    }

                    writer.WriteEndArray();
                    break;
                case TargetValueKind.Roles:
                    value.ToJson()!.WriteTo(writer);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }
    }

    /// <summary>A value that is the same for every object; its JSON text is written once, at layout.</summary>
    private sealed class ConstantMember(string key, Func<JsonNode?> create) : Member(key)
    {
        private readonly byte[]? _json = create() is { } node ? Encoding.UTF8.GetBytes(ScimJson.Serialize(node)) : null;

        public override JsonNode? Write(ReadOnlySpan<TargetValue> values) => create();

        public override bool HasValue(ReadOnlySpan<TargetValue> values) => _json is not null;

        public override void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<TargetValue> values)
        {
            if (_json is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(_json, skipInputValidation: true);
            }
        }
    }

    /// <summary>A complex value or an extension object: written when one of its members has a value.</summary>
    private sealed class ObjectMember(string key, Member[] members) : Member(key)
    {
        public override bool NamesDistinct => ScimResourceWriter.NamesDistinct(members.Select(member => member.Key)) && members.All(member => member.NamesDistinct);

        public override JsonNode? Write(ReadOnlySpan<TargetValue> values)
        {
            JsonObject? result = null;
            foreach (var member in members)
            {
                if (member.Write(values) is { } node)
                {
                    (result ??= [])[member.Key] = node;
                }
            }

            return result;
        }

        public override bool HasValue(ReadOnlySpan<TargetValue> values)
        {
            foreach (var member in members)
            {
                if (member.HasValue(values))
                {
                    return true;
                }
            }

            return false;
        }

        public override void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<TargetValue> values)
        {
            writer.WriteStartObject();
            foreach (var member in members)
            {
                if (member.HasValue(values))
                {
                    writer.WritePropertyName(member.Key);
                    member.WriteValue(writer, values);
                }
            }

            writer.WriteEndObject();
        }
    }

    private sealed class ArrayMember(string key, ElementMember[] elements) : Member(key)
    {
        public override bool NamesDistinct => elements.All(element => element.NamesDistinct);

        public override JsonNode? Write(ReadOnlySpan<TargetValue> values)
        {
            JsonArray? result = null;
            foreach (var element in elements)
            {
                if (element.Write(values) is { } node)
                {
                    (result ??= []).Add(node);
                }
            }

            return result;
        }

        public override bool HasValue(ReadOnlySpan<TargetValue> values)
        {
            foreach (var element in elements)
            {
                if (element.HasValue(values))
                {
                    return true;
                }
            }

            return false;
        }

        public override void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<TargetValue> values)
        {
            writer.WriteStartArray();
            foreach (var element in elements)
            {
                if (element.HasValue(values))
                {
                    element.WriteValue(writer, values);
                }
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>One element of a multi-valued attribute: written when one of its values is not null.</summary>
    private sealed class ElementMember(Member[] discriminators, Member[] members) : Member(string.Empty)
    {
        public override bool NamesDistinct =>
            ScimResourceWriter.NamesDistinct([.. discriminators.Select(member => member.Key), .. members.Select(member => member.Key)])
            && discriminators.All(member => member.NamesDistinct) && members.All(member => member.NamesDistinct);

        public override JsonNode? Write(ReadOnlySpan<TargetValue> values)
        {
            JsonObject? result = null;
            foreach (var member in members)
            {
                if (member.Write(values) is { } node)
                {
                    if (result is null)
                    {
                        result = [];
                        foreach (var discriminator in discriminators)
                        {
                            result[discriminator.Key] = discriminator.Write(values);
                        }
                    }

                    result[member.Key] = node;
                }
            }

            return result;
        }

        public override bool HasValue(ReadOnlySpan<TargetValue> values)
        {
            foreach (var member in members)
            {
                if (member.HasValue(values))
                {
                    return true;
                }
            }

            return false;
        }

        public override void WriteValue(Utf8JsonWriter writer, ReadOnlySpan<TargetValue> values)
        {
            writer.WriteStartObject();
            foreach (var discriminator in discriminators)
            {
                writer.WritePropertyName(discriminator.Key);
                discriminator.WriteValue(writer, values);
            }

            foreach (var member in members)
            {
                if (member.HasValue(values))
                {
                    writer.WritePropertyName(member.Key);
                    member.WriteValue(writer, values);
                }
            }

            writer.WriteEndObject();
        }
    }
}
