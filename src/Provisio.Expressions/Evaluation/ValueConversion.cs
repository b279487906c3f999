using System.Globalization;

namespace Provisio.Expressions.Evaluation;

/// <summary>Parsing rules shared by the functions and comparisons: invariant culture throughout.</summary>
internal static class ValueConversion
{
    private const NumberStyles Number = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
        | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>A finite number in the invariant culture; "NaN" and "Infinity" are not numbers here.</summary>
    public static bool TryParseNumber(string text, out double number) =>
        double.TryParse(text, Number, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>
    /// CDate's parse (reference A.3 CDate): invariant culture, offsets honoured, a date without an offset taken as UTC.
    /// </summary>
    public static bool TryParseDate(string text, out DateTime date)
    {
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date))
        {
            date = DateTime.SpecifyKind(date, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    /// <summary>Truthiness for IIF and CBool: booleans, <c>"True"</c>/<c>"False"</c> in any case, non-zero numbers.</summary>
    public static bool TryToBoolean(in ExpressionValue value, out bool result)
    {
        switch (value.Kind)
        {
            case ExpressionValueKind.Boolean:
                result = value.AsBoolean();
                return true;
            case ExpressionValueKind.Integer:
                result = value.AsInteger() != 0;
                return true;
            case ExpressionValueKind.Decimal:
                result = value.AsDecimal() != 0;
                return true;
        }

        var text = value.AsString();
        if (text is not null)
        {
            if (bool.TryParse(text.AsSpan().Trim(), out result))
            {
                return true;
            }

            if (TryParseNumber(text, out var number))
            {
                result = number != 0;
                return true;
            }
        }

        result = false;
        return false;
    }
}
