using System.Globalization;

namespace Provisio.Expressions.Syntax;

/// <summary>An integer (<c>7</c>, <c>-10</c>, <c>129699324000000000</c>), a hexadecimal integer (<c>&amp;HF7</c>) or a decimal (<c>42568.75</c>).</summary>
public sealed class NumberLiteral : ExpressionNode
{
    public NumberLiteral(long value, bool isHexadecimal = false, TextPosition position = default) : base(position)
    {
        Integer = value;
        IsInteger = true;
        IsHexadecimal = isHexadecimal;
    }

    public NumberLiteral(double value, TextPosition position = default) : base(position)
    {
        Decimal = value;
    }

    public bool IsInteger { get; }

    public bool IsHexadecimal { get; }

    public long Integer { get; }

    public double Decimal { get; }

    /// <summary>The literal as the printer writes it.</summary>
    public string Text => IsHexadecimal
        ? "&H" + Integer.ToString("X", CultureInfo.InvariantCulture)
        : IsInteger ? Integer.ToString(CultureInfo.InvariantCulture) : PlainDecimal(Decimal);

    /// <summary>
    /// The shortest text that parses back to the same double, written without an exponent and always with a decimal
    /// point, so that it lexes as a decimal again (<c>5.0</c>, not <c>5</c>; <c>0.000001</c>, not <c>1E-06</c>).
    /// </summary>
    private static string PlainDecimal(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        if (exponentAt >= 0)
        {
            var negative = text[0] == '-';
            var mantissa = text[(negative ? 1 : 0)..exponentAt];
            var exponent = int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var point = mantissa.IndexOf('.', StringComparison.Ordinal);
            var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
            var integerDigits = (point < 0 ? mantissa.Length : point) + exponent;
            text = integerDigits <= 0
                ? "0." + new string('0', -integerDigits) + digits
                : integerDigits >= digits.Length
                    ? digits + new string('0', integerDigits - digits.Length)
                    : digits[..integerDigits] + "." + digits[integerDigits..];
            text = (negative ? "-" : string.Empty) + text;
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    public override bool SyntaxEquals(ExpressionNode? other) => other is NumberLiteral number
        && number.IsInteger == IsInteger && number.IsHexadecimal == IsHexadecimal
        && (IsInteger ? number.Integer == Integer : number.Decimal.Equals(Decimal));
}
