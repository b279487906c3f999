using System.Diagnostics.CodeAnalysis;

namespace Provisio.Expressions.Syntax;

/// <summary>Either the tree or the first error, never both.</summary>
public readonly record struct ParseResult(ExpressionNode? Tree, ExpressionError? Error)
{
    [MemberNotNullWhen(true, nameof(Tree))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Tree is not null;
}
