namespace Provisio.Expressions.Syntax;

/// <summary>One lexical token. <see cref="Value"/> is the unescaped content (attribute name, string value, number text).</summary>
public readonly record struct Token(TokenKind Kind, string Value, TextPosition Position, int Length)
{
    public bool IsComparison => Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less
        or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual;

    /// <summary>How an error message names this token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.OpenParenthesis => "'('",
        TokenKind.CloseParenthesis => "')'",
        TokenKind.Comma => "','",
        TokenKind.Attribute => $"attribute [{Value}]",
        TokenKind.String => $"string \"{Value}\"",
        TokenKind.Integer or TokenKind.Decimal or TokenKind.HexInteger => $"number {Value}",
        TokenKind.Identifier => $"identifier '{Value}'",
        _ => $"operator '{Value}'",
    };
}
