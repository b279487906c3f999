using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Directory.Model;

/// <summary>
/// The properties Provisio's directory keeps for one Graph resource, by Graph name, with the JSON kinds each accepts;
/// <see cref="Check"/> words problems as Graph does. Users also take directory extensions <c>extension_{appId}_{name}</c>.
/// </summary>
public sealed class GraphProperties(string resource, bool allowsExtensions, Dictionary<string, JsonValueKind[]> known)
{
    private readonly Dictionary<string, string> _spelling = known.Keys.ToDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Graph's <c>microsoft.graph.user</c>, as issue 5 §1 lists it.</summary>
    public static GraphProperties User { get; } = new("User", allowsExtensions: true, new(StringComparer.OrdinalIgnoreCase)
    {
        ["userPrincipalName"] = [JsonValueKind.String], ["mail"] = [JsonValueKind.String], ["mailNickname"] = [JsonValueKind.String],
        ["displayName"] = [JsonValueKind.String], ["givenName"] = [JsonValueKind.String], ["surname"] = [JsonValueKind.String],
        ["jobTitle"] = [JsonValueKind.String], ["department"] = [JsonValueKind.String], ["companyName"] = [JsonValueKind.String],
        ["employeeId"] = [JsonValueKind.String], ["employeeType"] = [JsonValueKind.String], ["employeeHireDate"] = [JsonValueKind.String],
        ["accountEnabled"] = [JsonValueKind.True, JsonValueKind.False], ["proxyAddresses"] = [JsonValueKind.Array],
        ["otherMails"] = [JsonValueKind.Array], ["businessPhones"] = [JsonValueKind.Array], ["mobilePhone"] = [JsonValueKind.String],
        ["faxNumber"] = [JsonValueKind.String], ["streetAddress"] = [JsonValueKind.String], ["city"] = [JsonValueKind.String],
        ["state"] = [JsonValueKind.String], ["postalCode"] = [JsonValueKind.String], ["country"] = [JsonValueKind.String],
        ["officeLocation"] = [JsonValueKind.String], ["preferredLanguage"] = [JsonValueKind.String], ["usageLocation"] = [JsonValueKind.String],
        ["onPremisesSamAccountName"] = [JsonValueKind.String], ["onPremisesImmutableId"] = [JsonValueKind.String],
        ["onPremisesExtensionAttributes"] = [JsonValueKind.Object], ["passwordProfile"] = [JsonValueKind.Object],
    });

    /// <summary>Graph's <c>microsoft.graph.servicePrincipal</c>, the properties an application to provision carries.</summary>
    public static GraphProperties ServicePrincipal { get; } = new("ServicePrincipal", allowsExtensions: false, new(StringComparer.OrdinalIgnoreCase)
    {
        ["appId"] = [JsonValueKind.String], ["displayName"] = [JsonValueKind.String], ["description"] = [JsonValueKind.String],
        ["accountEnabled"] = [JsonValueKind.True, JsonValueKind.False], ["appRoles"] = [JsonValueKind.Array],
        ["appRoleAssignmentRequired"] = [JsonValueKind.True, JsonValueKind.False], ["servicePrincipalType"] = [JsonValueKind.String],
        ["tags"] = [JsonValueKind.Array], ["notes"] = [JsonValueKind.String], ["homepage"] = [JsonValueKind.String],
        ["loginUrl"] = [JsonValueKind.String], ["notificationEmailAddresses"] = [JsonValueKind.Array],
        ["preferredSingleSignOnMode"] = [JsonValueKind.String], ["applicationTemplateId"] = [JsonValueKind.String],
    });

    /// <summary>Graph's <c>microsoft.graph.group</c>, the properties provisioning reads.</summary>
    public static GraphProperties Group { get; } = new("Group", allowsExtensions: false, new(StringComparer.OrdinalIgnoreCase)
    {
        ["displayName"] = [JsonValueKind.String], ["description"] = [JsonValueKind.String], ["mailNickname"] = [JsonValueKind.String],
        ["mail"] = [JsonValueKind.String], ["securityEnabled"] = [JsonValueKind.True, JsonValueKind.False],
        ["mailEnabled"] = [JsonValueKind.True, JsonValueKind.False], ["groupTypes"] = [JsonValueKind.Array],
    });

    /// <summary>The resource's properties for a kind of directory object.</summary>
    public static GraphProperties For(DirectoryObjectKind kind) => kind switch
    {
        DirectoryObjectKind.User => User,
        DirectoryObjectKind.Group => Group,
        _ => ServicePrincipal,
    };

    /// <summary>Graph's resource name: <c>User</c>, <c>Group</c>, <c>ServicePrincipal</c>.</summary>
    public string Resource => resource;

    /// <summary>The declared property names in Graph's spelling.</summary>
    public IEnumerable<string> Names => known.Keys;

    /// <summary>
    /// Graph's spelling of a declared property (<c>displayname</c> → <c>displayName</c>), a directory extension as given,
    /// <c>id</c>, or null when the resource has no such property.
    /// </summary>
    public string? Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return "id";
        }

        if (allowsExtensions && name.StartsWith("extension_", StringComparison.OrdinalIgnoreCase))
        {
            return name;
        }

        return _spelling.TryGetValue(name, out var canonical) ? canonical : null;
    }

    /// <summary>The JSON kinds a declared property accepts (empty for extensions and unknown names).</summary>
    public IReadOnlyList<JsonValueKind> KindsOf(string name) => known.TryGetValue(name, out var kinds) ? kinds : [];

    /// <summary>
    /// Renames a checked body's properties to Graph's spelling in place, so that stores and queries find
    /// <c>displayName</c> however a client spelled it (property names are case-insensitive in Graph).
    /// </summary>
    public void Canonicalize(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var name in body.Select(pair => pair.Key).ToList())
        {
            if (Canonical(name) is { } canonical && !string.Equals(canonical, name, StringComparison.Ordinal))
            {
                var value = body[name];
                body.Remove(name);
                body[canonical] = value;
            }
        }

        // Inside onPremisesExtensionAttributes too: extensionAttribute1 … extensionAttribute15, however a client spells them.
        if (body["onPremisesExtensionAttributes"] is JsonObject extensionAttributes)
        {
            foreach (var name in extensionAttributes.Select(pair => pair.Key).ToList())
            {
                if (name.StartsWith("extensionAttribute", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("extensionAttribute", StringComparison.Ordinal))
                {
                    var value = extensionAttributes[name];
                    extensionAttributes.Remove(name);
                    extensionAttributes["extensionAttribute" + name["extensionAttribute".Length..]] = value;
                }
            }
        }
    }

    /// <summary>The first problem with a body's properties, as Graph words it, or null.</summary>
    public string? Check(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var (name, value) in body)
        {
            if (name.StartsWith('@') || name.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (allowsExtensions && name.StartsWith("extension_", StringComparison.OrdinalIgnoreCase))
            {
                if (value is JsonObject or JsonArray)
                {
                    return $"Invalid value specified for property '{name}' of resource '{resource}'.";
                }

                continue;
            }

            if (!known.TryGetValue(name, out var kinds))
            {
                return $"Property '{name}' does not exist as a declared property or extension property.";
            }

            if (value is not null && !kinds.Contains(value.GetValueKind()))
            {
                return $"Invalid value specified for property '{name}' of resource '{resource}'.";
            }
        }

        return null;
    }
}
