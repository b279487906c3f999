using System.Text;

namespace Provisio.Expressions.Syntax;

/// <summary>
/// Writes a tree in canonical form: <c>Name(a, b, , d)</c>, one space after each comma, omitted arguments empty,
/// strings escaped. This is the form Graph's parseExpression returns (<c>, ,  )</c> becomes <c>, , )</c>).
/// </summary>
public static class ExpressionPrinter
{
    public static string Print(ExpressionNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        WriteString(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, ExpressionNode node)
    {
        switch (node)
        {
            case AttributeReference attribute:
                builder.Append('[').Append(attribute.Name).Append(']');
                break;
            case StringLiteral literal:
                WriteString(builder, literal.Value);
                break;
            case NumberLiteral number:
                builder.Append(number.Text);
                break;
            case Keyword keyword:
                builder.Append(keyword.Name);
                break;
            case OmittedArgument:
                break;
            case Comparison comparison:
                Write(builder, comparison.Left);
                builder.Append(' ').Append(Comparison.Symbol(comparison.Operator)).Append(' ');
                Write(builder, comparison.Right);
                break;
            case FunctionCall call:
                builder.Append(call.Name).Append('(');
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Write(builder, call.Arguments[i]);
                }

                builder.Append(')');
                break;
            default:
                throw new ArgumentException($"Unknown node type {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }
}
