using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Compilation;

/// <summary>
/// The infix comparisons. Numbers compare as numbers when both sides read as numbers (<c>[StatusRehire]=1</c>,
/// <c>DateDiff(...) &gt; 5</c>), booleans as booleans, dates as dates, and anything else as ordinal, case-sensitive
/// text, as Entra compares strings (reference A.1 and B.14: operand typing is undocumented; this is the recommendation).
/// Null reads as the empty string.
/// </summary>
internal static class ValueComparison
{
    public static bool Compare(in ExpressionValue left, ComparisonOperator @operator, in ExpressionValue right)
    {
        var order = Order(left, right);
        return @operator switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private static int Order(in ExpressionValue left, in ExpressionValue right)
    {
        if (left.Kind == ExpressionValueKind.DateTime && right.Kind == ExpressionValueKind.DateTime)
        {
            return left.AsDateTime().CompareTo(right.AsDateTime());
        }

        if ((left.Kind == ExpressionValueKind.Boolean || right.Kind == ExpressionValueKind.Boolean)
            && ValueConversion.TryToBoolean(left, out var leftBoolean) && ValueConversion.TryToBoolean(right, out var rightBoolean))
        {
            return leftBoolean.CompareTo(rightBoolean);
        }

        if (left.Kind == ExpressionValueKind.Integer && right.Kind == ExpressionValueKind.Integer)
        {
            return left.AsInteger().CompareTo(right.AsInteger());
        }

        var leftText = Text(left);
        var rightText = Text(right);
        if (TryNumber(left, leftText, out var leftNumber) && TryNumber(right, rightText, out var rightNumber))
        {
            return leftNumber.CompareTo(rightNumber);
        }

        return string.CompareOrdinal(leftText, rightText);
    }

    private static string Text(in ExpressionValue value) => value.IsNull ? string.Empty : value.AsString() ?? value.ToString();

    private static bool TryNumber(in ExpressionValue value, string text, out double number)
    {
        switch (value.Kind)
        {
            case ExpressionValueKind.Integer:
                number = value.AsInteger();
                return true;
            case ExpressionValueKind.Decimal:
                number = value.AsDecimal();
                return true;
            case ExpressionValueKind.String when text.Length > 0:
                return ValueConversion.TryParseNumber(text, out number);
            default:
                number = 0;
                return false;
        }
    }
}
