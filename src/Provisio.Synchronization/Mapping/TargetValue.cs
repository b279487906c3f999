using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Expressions.Evaluation;

namespace Provisio.Synchronization.Mapping;

/// <summary>
/// The value one attribute mapping exports: a string, a boolean, several strings, or null (not exported). A struct
/// that carries its string or list by reference, so a value taken from a source attribute is not copied.
/// Values compare ordinally: targets store values as sent (reference entra-expressions-and-scim B.3), so a change of
/// case is a change.
/// </summary>
public readonly struct TargetValue : IEquatable<TargetValue>
{
    private readonly object? _reference;
    private readonly bool _boolean;

    private TargetValue(TargetValueKind kind, object? reference, bool boolean)
    {
        Kind = kind;
        _reference = reference;
        _boolean = boolean;
    }

    public TargetValueKind Kind { get; }

    public static TargetValue Null => default;

    public bool IsNull => Kind == TargetValueKind.Null;

    public static TargetValue From(string? value) => value is null ? Null : new(TargetValueKind.String, value, false);

    public static TargetValue From(bool value) => new(TargetValueKind.Boolean, null, value);

    /// <summary>Several values; none is null (reference entra-expressions-and-scim A.2: an empty list is no value).</summary>
    public static TargetValue From(IReadOnlyList<string>? values) =>
        values is null || values.Count == 0 ? Null : new(TargetValueKind.MultiValued, values, false);

    /// <summary>
    /// App roles for a complex <c>roles</c> attribute; <paramref name="assertive"/> for AssertiveAppRoleAssignmentsComplex,
    /// whose role objects carry <c>display</c> instead of <c>displayName</c> and whose PATCH replaces (reference B.6.7).
    /// </summary>
    public static TargetValue From(IReadOnlyList<AppRoleAssignment>? roles, bool assertive) =>
        roles is null || roles.Count == 0 ? Null : new(TargetValueKind.Roles, roles, assertive);

    /// <summary>
    /// Role objects as a target holds them or as <see cref="ToJson"/> wrote them (<c>value</c>, and <c>displayName</c> or
    /// <c>display</c>); <paramref name="assertive"/> null takes the shape from the objects. Null when none has a value.
    /// </summary>
    public static TargetValue FromRoleObjects(JsonArray array, bool? assertive = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        var roles = new List<AppRoleAssignment>(array.Count);
        var display = false;
        foreach (var item in array)
        {
            if (item is JsonObject role && Text(role["value"]) is { } value)
            {
                display |= role.ContainsKey("display");
                roles.Add(new AppRoleAssignment(Text(role["id"]), value, Text(role["displayName"]) ?? Text(role["display"])));
            }
        }

        return From(roles, assertive ?? display);
    }

    /// <summary>A <see cref="TargetValueKind.Roles"/> value from AssertiveAppRoleAssignmentsComplex.</summary>
    public bool IsAssertive => Kind == TargetValueKind.Roles && _boolean;

    public IReadOnlyList<AppRoleAssignment> AsRoles() => Kind == TargetValueKind.Roles ? (IReadOnlyList<AppRoleAssignment>)_reference! : [];

    public string? AsString() => Kind == TargetValueKind.String ? (string)_reference! : null;

    public bool AsBoolean() => Kind == TargetValueKind.Boolean && _boolean;

    public IReadOnlyList<string> AsList() => Kind switch
    {
        TargetValueKind.MultiValued => (IReadOnlyList<string>)_reference!,
        TargetValueKind.String => [(string)_reference!],
        TargetValueKind.Boolean => [Text()!],
        TargetValueKind.Roles => [.. AsRoles().Select(role => role.Value)],
        _ => [],
    };

    /// <summary>
    /// The value as the provisioning log shows it (<c>modifiedProperties</c> are strings): booleans <c>True</c>/<c>False</c>
    /// as Entra writes them (reference entra-expressions-and-scim A.2), several values comma-separated, null as null.
    /// </summary>
    public string? Text() => Kind switch
    {
        TargetValueKind.String => (string)_reference!,
        TargetValueKind.Boolean => _boolean ? "True" : "False",
        TargetValueKind.MultiValued => string.Join(",", (IReadOnlyList<string>)_reference!),
        TargetValueKind.Roles => string.Join(",", AsRoles().Select(role => role.Value)),
        _ => null,
    };

    /// <summary>The value as JSON: a string, a JSON boolean, an array of strings or of role objects; null for null.</summary>
    public JsonNode? ToJson() => Kind switch
    {
        TargetValueKind.String => JsonValue.Create((string)_reference!),
        TargetValueKind.Boolean => JsonValue.Create(_boolean),
        TargetValueKind.MultiValued => ToArray((IReadOnlyList<string>)_reference!),
        TargetValueKind.Roles => RoleObjects(AsRoles(), _boolean),
        _ => null,
    };

    /// <summary>
    /// Role objects as Entra's POST (and the flag's PATCH) sends them: <c>{"primary": false, "type":
    /// "WindowsAzureActiveDirectoryRole", "displayName", "value"}</c>, with <c>display</c> for the Assertive form
    /// (reference entra-expressions-and-scim B.6.7: "All roles are provisioned as primary = false").
    /// </summary>
    public static JsonArray RoleObjects(IEnumerable<AppRoleAssignment> roles, bool assertive)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var array = new JsonArray();
        foreach (var role in roles)
        {
            var element = new JsonObject { ["primary"] = false, ["type"] = Export.ScimResourceWriter.RoleType };
            if (role.DisplayName is { } displayName)
            {
                element[assertive ? "display" : "displayName"] = displayName;
            }

            element["value"] = role.Value;
            array.Add(element);
        }

        return array;
    }

    public bool Equals(TargetValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case TargetValueKind.String:
                return string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal);
            case TargetValueKind.Boolean:
                return _boolean == other._boolean;
            case TargetValueKind.MultiValued:
                var left = (IReadOnlyList<string>)_reference!;
                var right = (IReadOnlyList<string>)other._reference!;
                if (left.Count != right.Count)
                {
                    return false;
                }

                for (var i = 0; i < left.Count; i++)
                {
                    if (!string.Equals(left[i], right[i], StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            case TargetValueKind.Roles:
                var these = AsRoles();
                var those = other.AsRoles();
                return these.Count == those.Count && these.Zip(those).All(pair =>
                    string.Equals(pair.First.Value, pair.Second.Value, StringComparison.Ordinal)
                    && string.Equals(pair.First.DisplayName, pair.Second.DisplayName, StringComparison.Ordinal));
            default:
                return true;
        }
    }

    public override bool Equals(object? obj) => obj is TargetValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        TargetValueKind.String => StringComparer.Ordinal.GetHashCode((string)_reference!),
        TargetValueKind.Boolean => _boolean ? 1 : 2,
        TargetValueKind.MultiValued => HashCode.Combine(Kind, ((IReadOnlyList<string>)_reference!).Count),
        TargetValueKind.Roles => HashCode.Combine(Kind, AsRoles().Count),
        _ => 0,
    };

    public static bool operator ==(TargetValue left, TargetValue right) => left.Equals(right);

    public static bool operator !=(TargetValue left, TargetValue right) => !left.Equals(right);

    public override string ToString() => Text() ?? "null";

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonArray ToArray(IReadOnlyList<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(JsonValue.Create(value));
        }

        return array;
    }
}
