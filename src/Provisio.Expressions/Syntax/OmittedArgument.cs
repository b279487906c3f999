namespace Provisio.Expressions.Syntax;

/// <summary>
/// An argument left empty, as in <c>Replace([mail], "@contoso.com", , , "", , )</c>: "not supplied", which is not
/// the empty string <c>""</c> (reference: entra-expressions-and-scim A.1).
/// </summary>
public sealed class OmittedArgument(TextPosition position = default) : ExpressionNode(position)
{
    public override bool SyntaxEquals(ExpressionNode? other) => other is OmittedArgument;
}
