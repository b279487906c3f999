using System.Text.Json.Nodes;

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

    public string? AsString() => Kind == TargetValueKind.String ? (string)_reference! : null;

    public bool AsBoolean() => Kind == TargetValueKind.Boolean && _boolean;

    public IReadOnlyList<string> AsList() => Kind switch
    {
        TargetValueKind.MultiValued => (IReadOnlyList<string>)_reference!,
        TargetValueKind.String => [(string)_reference!],
        TargetValueKind.Boolean => [Text()!],
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
        _ => null,
    };

    /// <summary>The value as JSON: a string, a JSON boolean, an array of strings; null for null.</summary>
    public JsonNode? ToJson() => Kind switch
    {
        TargetValueKind.String => JsonValue.Create((string)_reference!),
        TargetValueKind.Boolean => JsonValue.Create(_boolean),
        TargetValueKind.MultiValued => ToArray((IReadOnlyList<string>)_reference!),
        _ => null,
    };

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
        _ => 0,
    };

    public static bool operator ==(TargetValue left, TargetValue right) => left.Equals(right);

    public static bool operator !=(TargetValue left, TargetValue right) => !left.Equals(right);

    public override string ToString() => Text() ?? "null";

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
