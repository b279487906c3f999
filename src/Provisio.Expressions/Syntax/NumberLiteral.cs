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
        : IsInteger ? Integer.ToString(CultureInfo.InvariantCulture) : Decimal.ToString("R", CultureInfo.InvariantCulture);

    public override bool SyntaxEquals(ExpressionNode? other) => other is NumberLiteral number
        && number.IsInteger == IsInteger && number.IsHexadecimal == IsHexadecimal
        && (IsInteger ? number.Integer == Integer : number.Decimal.Equals(Decimal));
}
