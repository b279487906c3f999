namespace Provisio.Api.OData;

/// <summary>One token of a <c>$filter</c>, at its 0-based <see cref="Position"/>; <see cref="Text"/> is as written.</summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Position, string? Value = null)
{
    public bool IsKeyword(string keyword) => Kind == FilterTokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How a message names the token: <c>'foo'</c>, or "the end of the filter".</summary>
    public string Describe() => Kind == FilterTokenKind.End ? "the end of the filter" : $"'{Text}'";
}
