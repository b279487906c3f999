using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Directory.Loading;
using Provisio.Directory.Model;

namespace Provisio.Directory.Import;

/// <summary>
/// A JSON import file, read an object at a time: an array of users (of groups, or of memberships, with
/// <see cref="DirectoryImportKind"/>), or an object with <c>users</c>, <c>groups</c> and <c>members</c> arrays (and
/// <c>value</c>, as Graph's collections have it, for users). Properties are Graph's; a user's <c>manager</c> and a group's
/// <c>members</c> name other objects by userPrincipalName, group displayName or id.
/// </summary>
internal sealed class JsonImportSource(Stream stream, DirectoryImportKind? kind) : IImportSource
{
    private readonly JsonStreamReader _reader = new(stream);
    private bool _sections;
    private bool _inArray;
    private bool _done;
    private DirectoryImportKind _section = kind ?? DirectoryImportKind.Users;

    public bool MayHaveReferences => true;

    public async ValueTask<DirectoryLoadError?> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var first = await _reader.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
            switch (first?.Type)
            {
                case JsonTokenType.StartArray:
                    _inArray = true;
                    return null;
                case JsonTokenType.StartObject:
                    _sections = true;
                    return null;
                case null:
                    return new DirectoryLoadError(null, "the file is empty");
                default:
                    return new DirectoryLoadError(_reader.TokenLine, "a JSON import is an array of objects or an object with users and groups arrays");
            }
        }
        catch (JsonException exception)
        {
            return new DirectoryLoadError(Line(exception), $"the JSON is malformed: {Describe(exception)}");
        }
    }

    public async IAsyncEnumerable<ImportRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken).ConfigureAwait(false) is { } row)
        {
            yield return row;
            if (row.Fatal)
            {
                yield break;
            }
        }
    }

    /// <summary>The next row, or null at the end; a fatal row when the JSON cannot be read further.</summary>
    private async ValueTask<ImportRow?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!_done)
            {
                if (_sections && !_inArray)
                {
                    if (await OpenSectionAsync(cancellationToken).ConfigureAwait(false) is { } problem)
                    {
                        return problem;
                    }

                    continue;
                }

                if (await _reader.ReadValueAsync(cancellationToken).ConfigureAwait(false) is not { } element)
                {
                    _inArray = false;
                    _done = !_sections;
                    continue;
                }

                return Convert(element.Value, element.Line, _section);
            }

            return null;
        }
        catch (JsonException exception)
        {
            _done = true;
            var row = new ImportRow(Line(exception) ?? _reader.TokenLine, DirectoryObjectKind.User) { Fatal = true };
            row.Errors.Add($"the JSON is malformed: {Describe(exception)}");
            return row;
        }
    }

    /// <summary>Reads up to the next section's array (skipping <c>@odata</c> annotations); a fatal row for an unknown one.</summary>
    private async ValueTask<ImportRow?> OpenSectionAsync(CancellationToken cancellationToken)
    {
        var token = await _reader.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is null || token.Value.Type == JsonTokenType.EndObject)
        {
            _done = true;
            return null;
        }

        var name = token.Value.Text ?? string.Empty;
        var line = _reader.TokenLine;
        if (name.StartsWith('@'))
        {
            await _reader.ReadValueAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        DirectoryImportKind? section = name.ToLowerInvariant() switch
        {
            "users" => DirectoryImportKind.Users,
            "value" => kind ?? DirectoryImportKind.Users,
            "groups" => DirectoryImportKind.Groups,
            "members" => DirectoryImportKind.Members,
            _ => null,
        };
        if (section is null || (await _reader.ReadTokenAsync(cancellationToken).ConfigureAwait(false))?.Type != JsonTokenType.StartArray)
        {
            _done = true;
            var row = new ImportRow(line, DirectoryObjectKind.User) { Fatal = true };
            row.Errors.Add(section is null
                ? $"'{name}' is not a section of a JSON import (users, groups, members)"
                : $"'{name}' is not an array");
            return row;
        }

        _section = section.Value;
        _inArray = true;
        return null;
    }

    private static ImportRow Convert(JsonNode? element, int line, DirectoryImportKind section)
    {
        var row = new ImportRow(line, section == DirectoryImportKind.Users ? DirectoryObjectKind.User : DirectoryObjectKind.Group);
        if (element is not JsonObject json)
        {
            row.Errors.Add($"an element of {section.ToString().ToLowerInvariant()} must be an object, not {element?.ToJsonString() ?? "null"}");
            return row;
        }

        try
        {
            if (section == DirectoryImportKind.Members)
            {
                ConvertMembership(json, row);
            }
            else
            {
                ConvertObject(json, row, section == DirectoryImportKind.Users ? GraphProperties.User : GraphProperties.Group);
            }
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            row.Errors.Add("the object has a property twice (names are case-insensitive)");
        }

        row.Complete();
        return row;
    }

    private static void ConvertObject(JsonObject json, ImportRow row, GraphProperties graph)
    {
        var user = row.Kind == DirectoryObjectKind.User;
        var properties = new JsonObject(DirectoryRules.NodeOptions);
        row.Properties = properties;
        foreach (var (name, value) in json)
        {
            if (name.StartsWith('@') || value is null)
            {
                continue;
            }

            if (name.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                var (id, error) = value.GetValueKind() == JsonValueKind.String ? ImportValue.Id(value.GetValue<string>()) : (null, $"{value.ToJsonString()} is not an id (a GUID)");
                row.Id = id;
                Add(row, name, error);
            }
            else if (user && name.Equals("manager", StringComparison.OrdinalIgnoreCase))
            {
                row.Manager = Reference(value);
                Add(row, name, row.Manager is null ? $"{value.ToJsonString()} is not a userPrincipalName, an id or an object with one" : null);
            }
            else if (user && name.Equals("manager@odata.bind", StringComparison.OrdinalIgnoreCase))
            {
                row.Manager = Bound(value);
                Add(row, name, row.Manager is null ? $"{value.ToJsonString()} is not a URL of a user" : null);
            }
            else if (!user && (name.Equals("members", StringComparison.OrdinalIgnoreCase) || name.Equals("members@odata.bind", StringComparison.OrdinalIgnoreCase)))
            {
                var bound = name.EndsWith("@odata.bind", StringComparison.OrdinalIgnoreCase);
                if (value is not JsonArray members)
                {
                    Add(row, name, $"{value.ToJsonString()} is not an array");
                    continue;
                }

                foreach (var member in members)
                {
                    var reference = member is null ? null : bound ? Bound(member) : Reference(member);
                    if (reference is null)
                    {
                        Add(row, name, $"{member?.ToJsonString() ?? "null"} is not a userPrincipalName, a group displayName, an id or an object with one");
                    }
                    else
                    {
                        row.Members.Add(reference);
                    }
                }
            }
            else if (graph.Canonical(name) is not { } canonical)
            {
                Add(row, name, $"is not a {(user ? "user" : "group")} property");
            }
            else if (canonical == "onPremisesExtensionAttributes")
            {
                properties[canonical] = ExtensionAttributes(row, name, value);
            }
            else
            {
                var (converted, error) = ImportValue.FromJson(canonical, graph.KindsOf(canonical), value);
                if (error is null)
                {
                    properties[canonical] = converted;
                }

                Add(row, name, error);
            }
        }
    }

    private static void ConvertMembership(JsonObject json, ImportRow row)
    {
        foreach (var (name, value) in json)
        {
            if (name.StartsWith('@') || value is null)
            {
                continue;
            }

            var reference = Reference(value);
            if (name.Equals("group", StringComparison.OrdinalIgnoreCase))
            {
                row.Key = reference;
                Add(row, name, reference is null ? $"{value.ToJsonString()} is not a group displayName or id" : null);
            }
            else if (name.Equals("member", StringComparison.OrdinalIgnoreCase))
            {
                if (reference is not null)
                {
                    row.Members.Add(reference);
                }

                Add(row, name, reference is null ? $"{value.ToJsonString()} is not a userPrincipalName, a group displayName or an id" : null);
            }
            else
            {
                Add(row, name, "is not a membership property (group, member)");
            }
        }
    }

    /// <summary>onPremisesExtensionAttributes: extensionAttribute1 to extensionAttribute15, strings (null clears nothing and is dropped).</summary>
    private static JsonObject ExtensionAttributes(ImportRow row, string name, JsonNode value)
    {
        var attributes = new JsonObject(DirectoryRules.NodeOptions);
        if (value is not JsonObject given)
        {
            Add(row, name, $"{value.ToJsonString()} is not an object of extensionAttribute1 to extensionAttribute15");
            return attributes;
        }

        foreach (var (attribute, text) in given)
        {
            var number = attribute.StartsWith("extensionAttribute", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(attribute.AsSpan("extensionAttribute".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed : 0;
            if (number is < 1 or > 15)
            {
                Add(row, $"{name}.{attribute}", "is not one of extensionAttribute1 to extensionAttribute15");
            }
            else if (text is not null && text.GetValueKind() != JsonValueKind.String)
            {
                Add(row, $"{name}.{attribute}", $"{text.ToJsonString()} is not a string");
            }
            else if (text is not null)
            {
                attributes[$"extensionAttribute{number}"] = text.GetValue<string>();
            }
        }

        return attributes;
    }

    /// <summary>A reference given as a string, or as an object with an id, a userPrincipalName or a displayName.</summary>
    private static string? Reference(JsonNode value) => value switch
    {
        JsonValue text when text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().Trim() is { Length: > 0 } name => name,
        JsonObject json => (json["id"] ?? json["userPrincipalName"] ?? json["displayName"]) is JsonValue inner
            && inner.GetValueKind() == JsonValueKind.String ? inner.GetValue<string>().Trim() : null,
        _ => null,
    };

    /// <summary>An <c>@odata.bind</c> URL such as https://graph.microsoft.com/v1.0/users/{id}: its last segment.</summary>
    private static string? Bound(JsonNode value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().TrimEnd('/') is { Length: > 0 } url
            ? Uri.UnescapeDataString(url[(url.LastIndexOf('/') + 1)..]) is { Length: > 0 } last ? last : null
            : null;

    private static void Add(ImportRow row, string name, string? error)
    {
        if (error is not null)
        {
            row.Errors.Add(error.StartsWith("is ", StringComparison.Ordinal) ? $"property '{name}' {error}" : $"property '{name}': {error}");
        }
    }

    private static int? Line(JsonException exception) => exception.LineNumber is { } line ? (int)line + 1 : null;

    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
