using System.Globalization;

namespace Provisio.Expressions.Evaluation;

/// <summary>
/// A value in an expression: null, a string, a boolean, a number, a date, several strings, role assignments, or a
/// flow instruction. A struct that carries strings and lists by reference and the rest inline, so evaluating an
/// expression whose result is one of its inputs allocates nothing.
/// </summary>
public readonly struct ExpressionValue : IEquatable<ExpressionValue>
{
    /// <summary>How dates read: "The returned string is always in UTC and follows the format M/d/yyyy h:mm:ss tt." (FN, CDate)</summary>
    public const string DateFormat = "M/d/yyyy h:mm:ss tt";

    private readonly object? _reference;
    private readonly long _scalar;

    private ExpressionValue(ExpressionValueKind kind, object? reference, long scalar)
    {
        Kind = kind;
        _reference = reference;
        _scalar = scalar;
    }

    public ExpressionValueKind Kind { get; }

    public static ExpressionValue Null => default;

    public static ExpressionValue Omitted { get; } = new(ExpressionValueKind.Omitted, null, 0);

    public static ExpressionValue True { get; } = new(ExpressionValueKind.Boolean, null, 1);

    public static ExpressionValue False { get; } = new(ExpressionValueKind.Boolean, null, 0);

    public static ExpressionValue Empty { get; } = new(ExpressionValueKind.String, string.Empty, 0);

    public static ExpressionValue IgnoreAttributeFlow { get; } = new(ExpressionValueKind.IgnoreAttributeFlow, null, 0);

    public static ExpressionValue IgnoreObjectFlow { get; } = new(ExpressionValueKind.IgnoreObjectFlow, null, 0);

    public bool IsNull => Kind is ExpressionValueKind.Null or ExpressionValueKind.Omitted;

    public bool IsOmitted => Kind == ExpressionValueKind.Omitted;

    /// <summary>Null, the empty string, or a multi-valued attribute with no values.</summary>
    public bool IsNullOrEmpty => Kind switch
    {
        ExpressionValueKind.Null or ExpressionValueKind.Omitted => true,
        ExpressionValueKind.String => ((string)_reference!).Length == 0,
        ExpressionValueKind.MultiValued => ((IReadOnlyList<string>)_reference!).Count == 0,
        ExpressionValueKind.AppRoleAssignments => ((IReadOnlyList<AppRoleAssignment>)_reference!).Count == 0,
        _ => false,
    };

    public bool IsFlowControl => Kind is ExpressionValueKind.IgnoreAttributeFlow or ExpressionValueKind.IgnoreObjectFlow;

    public static ExpressionValue From(string? value) =>
        value is null ? Null : new(ExpressionValueKind.String, value, 0);

    public static ExpressionValue From(bool value) => value ? True : False;

    public static ExpressionValue From(long value) => new(ExpressionValueKind.Integer, null, value);

    public static ExpressionValue From(double value) =>
        new(ExpressionValueKind.Decimal, null, BitConverter.DoubleToInt64Bits(value));

    /// <summary>A date; any kind other than UTC is converted to UTC.</summary>
    public static ExpressionValue From(DateTime value) =>
        new(ExpressionValueKind.DateTime, null, (value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).Ticks);

    public static ExpressionValue From(IReadOnlyList<string>? values) =>
        values is null ? Null : new(ExpressionValueKind.MultiValued, values, 0);

    public static ExpressionValue From(IReadOnlyList<AppRoleAssignment>? assignments) =>
        assignments is null ? Null : new(ExpressionValueKind.AppRoleAssignments, assignments, 0);

    public bool AsBoolean() => _scalar != 0;

    public long AsInteger() => _scalar;

    public double AsDecimal() => BitConverter.Int64BitsToDouble(_scalar);

    public DateTime AsDateTime() => new(_scalar, DateTimeKind.Utc);

    /// <summary>The values of a multi-valued value (a single value is a list of one; null is empty).</summary>
    public IReadOnlyList<string> AsList() => Kind switch
    {
        ExpressionValueKind.MultiValued => (IReadOnlyList<string>)_reference!,
        ExpressionValueKind.AppRoleAssignments => ((IReadOnlyList<AppRoleAssignment>)_reference!).Select(role => role.Value).ToArray(),
        ExpressionValueKind.Null or ExpressionValueKind.Omitted => [],
        _ => [AsString()!],
    };

    public IReadOnlyList<AppRoleAssignment> AsAppRoleAssignments() => Kind switch
    {
        ExpressionValueKind.AppRoleAssignments => (IReadOnlyList<AppRoleAssignment>)_reference!,
        ExpressionValueKind.Null or ExpressionValueKind.Omitted => [],
        _ => AsList().Select(value => new AppRoleAssignment(null, value, value)).ToArray(),
    };

    /// <summary>
    /// The value as text: strings as they are, booleans <c>True</c>/<c>False</c> (A.2), numbers in the invariant
    /// culture, dates as <see cref="DateFormat"/>, null as null. A multi-valued value has no single text: null.
    /// </summary>
    public string? AsString() => Kind switch
    {
        ExpressionValueKind.String => (string)_reference!,
        ExpressionValueKind.Boolean => _scalar != 0 ? "True" : "False",
        ExpressionValueKind.Integer => _scalar.ToString(CultureInfo.InvariantCulture),
        ExpressionValueKind.Decimal => AsDecimal().ToString("R", CultureInfo.InvariantCulture),
        ExpressionValueKind.DateTime => AsDateTime().ToString(DateFormat, CultureInfo.InvariantCulture),
        ExpressionValueKind.MultiValued when ((IReadOnlyList<string>)_reference!).Count == 1 => ((IReadOnlyList<string>)_reference!)[0],
        ExpressionValueKind.IgnoreAttributeFlow => "IgnoreAttributeFlow",
        ExpressionValueKind.IgnoreObjectFlow => "IgnoreObjectFlow",
        _ => null,
    };

    public bool Equals(ExpressionValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            ExpressionValueKind.String => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            ExpressionValueKind.MultiValued => AsList().SequenceEqual(other.AsList(), StringComparer.Ordinal),
            ExpressionValueKind.AppRoleAssignments => AsAppRoleAssignments().SequenceEqual(other.AsAppRoleAssignments()),
            _ => _scalar == other._scalar,
        };
    }

    public override bool Equals(object? obj) => obj is ExpressionValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        ExpressionValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_reference!)),
        ExpressionValueKind.MultiValued or ExpressionValueKind.AppRoleAssignments => HashCode.Combine(Kind, AsList().Count),
        _ => HashCode.Combine(Kind, _scalar),
    };

    public static bool operator ==(ExpressionValue left, ExpressionValue right) => left.Equals(right);

    public static bool operator !=(ExpressionValue left, ExpressionValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        ExpressionValueKind.Null => "null",
        ExpressionValueKind.Omitted => "(omitted)",
        ExpressionValueKind.String => Syntax.ExpressionPrinter.Quote((string)_reference!),
        ExpressionValueKind.MultiValued => "[" + string.Join(", ", AsList().Select(Syntax.ExpressionPrinter.Quote)) + "]",
        ExpressionValueKind.AppRoleAssignments => "[" + string.Join(", ", AsAppRoleAssignments().Select(role => "role " + Syntax.ExpressionPrinter.Quote(role.Value))) + "]",
        _ => AsString()!,
    };
}
