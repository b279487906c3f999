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

/// <summary>One token of a <c>$filter</c>, at its 0-based <see cref="Position"/>; <see cref="Text"/> is as written.</summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Position, string? Value = null)
{
    public bool IsKeyword(string keyword) => Kind == FilterTokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How a message names the token: <c>'foo'</c>, or "the end of the filter".</summary>
    public string Describe() => Kind == FilterTokenKind.End ? "the end of the filter" : $"'{Text}'";
}
