namespace Provisio.Expressions.Syntax;

/// <summary>
/// A bare identifier: <c>vbBinaryCompare</c>, <c>vbTextCompare</c>, <c>IgnoreAttributeFlow</c>, <c>IgnoreObjectFlow</c>
/// (reference: entra-expressions-and-scim A.1). The checker rejects any other.
/// </summary>
public sealed class Keyword(string name, TextPosition position = default) : ExpressionNode(position)
{
    public string Name { get; } = name;

    public override bool SyntaxEquals(ExpressionNode? other) =>
        other is Keyword keyword && string.Equals(Name, keyword.Name, StringComparison.OrdinalIgnoreCase);
}
