namespace Provisio.Api.OData;

internal enum FilterTokenKind
{
    /// <summary>A name: a property, a function, or a keyword (<c>eq</c>, <c>and</c>, <c>true</c>, ...).</summary>
    Identifier,

    /// <summary><c>'text'</c>, with <c>''</c> for a quote; <see cref="FilterToken.Value"/> holds the unescaped text.</summary>
    String,

    /// <summary>An unquoted literal that starts with a digit or <c>-</c>: a number, a GUID, a date.</summary>
    Number,
    OpenParenthesis,
    CloseParenthesis,
    Comma,
    Slash,
    Colon,
    End,
}
