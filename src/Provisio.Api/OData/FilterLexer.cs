namespace Provisio.Api.OData;

/// <summary>Splits a <c>$filter</c> into tokens; a character OData has no use for, or an unclosed string, is an error with its position.</summary>
internal static class FilterLexer
{
    public static ODataResult<IReadOnlyList<FilterToken>> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<FilterToken>();
        var position = 0;
        while (position < text.Length)
        {
            var current = text[position];
            if (char.IsWhiteSpace(current))
            {
                position++;
                continue;
            }

            var start = position;
            switch (current)
            {
                case '(':
                    tokens.Add(new FilterToken(FilterTokenKind.OpenParenthesis, "(", position++));
                    continue;
                case ')':
                    tokens.Add(new FilterToken(FilterTokenKind.CloseParenthesis, ")", position++));
                    continue;
                case ',':
                    tokens.Add(new FilterToken(FilterTokenKind.Comma, ",", position++));
                    continue;
                case '/':
                    tokens.Add(new FilterToken(FilterTokenKind.Slash, "/", position++));
                    continue;
                case ':':
                    tokens.Add(new FilterToken(FilterTokenKind.Colon, ":", position++));
                    continue;
                case '\'':
                    if (ReadString(text, ref position) is not { } value)
                    {
                        // OData's wording; the position is the opening quote's.
                        return new ODataQueryError(ODataQueryError.BadRequest,
                            $"Invalid filter clause: There is an unterminated string literal at position {start} in '{text}'.", start);
                    }

                    tokens.Add(new FilterToken(FilterTokenKind.String, text[start..position], start, value));
                    continue;
            }

            if (char.IsLetter(current) || current == '_')
            {
                while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
                {
                    position++;
                }

                tokens.Add(new FilterToken(FilterTokenKind.Identifier, text[start..position], start));
                continue;
            }

            if (char.IsAsciiDigit(current) || current == '-')
            {
                while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '.' or '-' or ':' or '+'))
                {
                    position++;
                }

                tokens.Add(new FilterToken(FilterTokenKind.Number, text[start..position], start));
                continue;
            }

            // Graph answers this for a stray character: "Syntax error: character '%' is not valid at position 23 in '...'".
            return new ODataQueryError(ODataQueryError.BadRequest,
                $"Invalid filter clause: Syntax error: character '{current}' is not valid at position {start} in '{text}'.", start);
        }

        tokens.Add(new FilterToken(FilterTokenKind.End, "", text.Length));
        return ODataResult<IReadOnlyList<FilterToken>>.Success(tokens);
    }

    /// <summary>Reads <c>'...'</c> from the opening quote at <paramref name="position"/>, <c>''</c> being one quote; null when it never closes.</summary>
    internal static string? ReadString(string text, ref int position)
    {
        var value = new System.Text.StringBuilder();
        var index = position + 1;
        while (index < text.Length)
        {
            if (text[index] == '\'')
            {
                if (index + 1 < text.Length && text[index + 1] == '\'')
                {
                    value.Append('\'');
                    index += 2;
                    continue;
                }

                position = index + 1;
                return value.ToString();
            }

            value.Append(text[index++]);
        }

        return null;
    }
}
