namespace Provisio.Expressions.Syntax;

public enum TokenKind
{
    End,
    OpenParenthesis,
    CloseParenthesis,
    Comma,
    Attribute,
    String,
    Integer,
    Decimal,
    HexInteger,
    Identifier,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
