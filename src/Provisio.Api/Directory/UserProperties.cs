using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Api.Directory;

/// <summary>
/// The user properties Provisio's directory keeps, by Graph name (issue 5 §1; Graph's <c>microsoft.graph.user</c>), with
/// the JSON kind each accepts. Directory extensions <c>extension_{appId}_{name}</c> are accepted as any scalar.
/// </summary>
public static class UserProperties
{
    private static readonly Dictionary<string, JsonValueKind[]> Known = new(StringComparer.OrdinalIgnoreCase)
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
    };

    /// <summary>The first problem with a body's properties, as Graph words it, or null.</summary>
    public static string? Check(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var (name, value) in body)
        {
            if (name.StartsWith('@') || name.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.StartsWith("extension_", StringComparison.OrdinalIgnoreCase))
            {
                if (value is JsonObject or JsonArray)
                {
                    return $"Invalid value specified for property '{name}' of resource 'User'.";
                }

                continue;
            }

            if (!Known.TryGetValue(name, out var kinds))
            {
                return $"Property '{name}' does not exist as a declared property or extension property.";
            }

            if (value is not null && !kinds.Contains(value.GetValueKind()))
            {
                return $"Invalid value specified for property '{name}' of resource 'User'.";
            }
        }

        return null;
    }
}
