namespace Provisio.Expressions.Syntax;

/// <summary><c>"text"</c>, with <see cref="Value"/> unescaped.</summary>
public sealed class StringLiteral(string value, TextPosition position = default) : ExpressionNode(position)
{
    public string Value { get; } = value;

    public override bool SyntaxEquals(ExpressionNode? other) =>
        other is StringLiteral literal && string.Equals(Value, literal.Value, StringComparison.Ordinal);
}
