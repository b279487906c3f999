using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Api.Directory;

/// <summary>
/// The properties Provisio's directory keeps for one Graph resource, by Graph name, with the JSON kinds each accepts;
/// <see cref="Check"/> words problems as Graph does. Users also take directory extensions <c>extension_{appId}_{name}</c>.
/// </summary>
public sealed class GraphProperties(string resource, bool allowsExtensions, Dictionary<string, JsonValueKind[]> known)
{
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

    /// <summary>Graph's <c>microsoft.graph.group</c>, the properties provisioning reads.</summary>
    public static GraphProperties Group { get; } = new("Group", allowsExtensions: false, new(StringComparer.OrdinalIgnoreCase)
    {
        ["displayName"] = [JsonValueKind.String], ["description"] = [JsonValueKind.String], ["mailNickname"] = [JsonValueKind.String],
        ["mail"] = [JsonValueKind.String], ["securityEnabled"] = [JsonValueKind.True, JsonValueKind.False],
        ["mailEnabled"] = [JsonValueKind.True, JsonValueKind.False], ["groupTypes"] = [JsonValueKind.Array],
    });

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
