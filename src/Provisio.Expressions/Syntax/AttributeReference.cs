namespace Provisio.Expressions.Syntax;

/// <summary><c>[attributeName]</c>: the source object's attribute.</summary>
public sealed class AttributeReference(string name, TextPosition position = default) : ExpressionNode(position)
{
    public string Name { get; } = name;

    public override bool SyntaxEquals(ExpressionNode? other) =>
        other is AttributeReference attribute && string.Equals(Name, attribute.Name, StringComparison.Ordinal);
}
