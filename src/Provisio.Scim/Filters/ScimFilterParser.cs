using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Scim.Filters;

/// <summary>
/// The filter grammar of RFC 7644 §3.4.2.2 (operators <c>eq ne co sw ew pr gt ge lt le</c>, <c>and</c>, <c>or</c>,
/// <c>not</c>, grouping, value paths) and the PATCH path grammar of §3.5.2. Keywords are case-insensitive. Two
/// leniencies Entra's traffic needs (reference B.2): a value path may end in a sub-attribute inside a filter
/// (<c>emails[type eq "work"].value eq "a@b"</c>), and an unquoted value is read as a string (<c>externalId eq jyoung</c>).
/// </summary>
internal sealed class ScimFilterParser
{
    private const int MaximumDepth = 32;

    private readonly string _text;
    private readonly string _scimType;
    private readonly List<Token> _tokens;
    private int _index;

    private ScimFilterParser(string text, string scimType, List<Token> tokens)
    {
        _text = text;
        _scimType = scimType;
        _tokens = tokens;
    }

    public static FilterParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parser = Create(text, "invalidFilter");
            if (parser.Current.Kind == TokenKind.End)
            {
                throw parser.Error(parser.Current, "the filter is empty", "an attribute path such as userName");
            }

            var filter = parser.ParseOr(depth: 0, inValuePath: false);
            if (parser.Current.Kind != TokenKind.End)
            {
                throw parser.Error(parser.Current, $"unexpected {Describe(parser.Current)}", "'and', 'or' or the end of the filter");
            }

            return new FilterParseResult(filter, null);
        }
        catch (ParseException exception)
        {
            return new FilterParseResult(null, exception.Error);
        }
    }

    public static PathParseResult ParsePath(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parser = Create(text, "invalidPath");
            var first = parser.Take();
            if (first.Kind != TokenKind.Word)
            {
                throw parser.Error(first, first.Kind == TokenKind.End ? "the path is empty" : $"unexpected {Describe(first)}",
                    "an attribute path such as name.givenName");
            }

            var path = parser.ParsePathAfter(first, depth: 0, inValuePath: false);
            if (parser.Current.Kind != TokenKind.End)
            {
                throw parser.Error(parser.Current, $"unexpected {Describe(parser.Current)}", "the end of the path");
            }

            return new PathParseResult(path, null);
        }
        catch (ParseException exception)
        {
            return new PathParseResult(null, exception.Error);
        }
    }

    private static ScimFilterParser Create(string text, string scimType)
    {
        var tokens = Tokenize(text, scimType);
        return new ScimFilterParser(text, scimType, tokens);
    }

    private Token Current => _tokens[_index];

    private Token Take() => _tokens[_index++];

    private FilterExpression ParseOr(int depth, bool inValuePath)
    {
        var left = ParseAnd(depth, inValuePath);
        while (Current.IsWord("or"))
        {
            Take();
            left = new LogicalFilter(isAnd: false, left, ParseAnd(depth, inValuePath));
        }

        return left;
    }

    private FilterExpression ParseAnd(int depth, bool inValuePath)
    {
        var left = ParseUnary(depth, inValuePath);
        while (Current.IsWord("and"))
        {
            Take();
            left = new LogicalFilter(isAnd: true, left, ParseUnary(depth, inValuePath));
        }

        return left;
    }

    private FilterExpression ParseUnary(int depth, bool inValuePath)
    {
        if (depth > MaximumDepth)
        {
            throw Error(Current, $"the filter nests more than {MaximumDepth} deep", "a simpler filter");
        }

        var token = Take();
        if (token.Kind == TokenKind.OpenParenthesis)
        {
            var inner = ParseOr(depth + 1, inValuePath);
            Expect(TokenKind.CloseParenthesis, "')'", token);
            return inner;
        }

        if (token.IsWord("not") && Current.Kind == TokenKind.OpenParenthesis)
        {
            var open = Take();
            var inner = ParseOr(depth + 1, inValuePath);
            Expect(TokenKind.CloseParenthesis, "')'", open);
            return new NotFilter(inner);
        }

        if (token.Kind != TokenKind.Word)
        {
            throw Error(token, token.Kind == TokenKind.End ? "the filter ends too early" : $"unexpected {Describe(token)}",
                "an attribute path, '(' or 'not ('");
        }

        var path = ParsePathAfter(token, depth, inValuePath);
        var operatorToken = Current;
        if (operatorToken.Kind != TokenKind.Word || operatorToken.IsWord("and") || operatorToken.IsWord("or"))
        {
            if (path.ValueFilter is not null && path.SubAttribute is null)
            {
                return new ValuePathFilter(path);
            }

            throw Error(operatorToken, operatorToken.Kind == TokenKind.End ? "the filter ends after the attribute path" : $"unexpected {Describe(operatorToken)}",
                "an operator: eq, ne, co, sw, ew, pr, gt, ge, lt or le");
        }

        Take();
        if (!ComparisonOperators.TryParse(operatorToken.Text, out var @operator))
        {
            throw Error(operatorToken, $"'{operatorToken.Text}' is not an operator", "eq, ne, co, sw, ew, pr, gt, ge, lt or le");
        }

        if (@operator == ComparisonOperator.Present)
        {
            return new AttributeFilter(path, @operator, null);
        }

        return new AttributeFilter(path, @operator, ParseValue());
    }

    private JsonNode? ParseValue()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.String:
                return JsonValue.Create(token.Text);
            case TokenKind.Word when token.IsWord("true"):
                return JsonValue.Create(true);
            case TokenKind.Word when token.IsWord("false"):
                return JsonValue.Create(false);
            case TokenKind.Word when token.IsWord("null"):
                return null;
            case TokenKind.Word when (char.IsAsciiDigit(token.Text[0]) || token.Text[0] == '-') && IsNumber(token.Text):
                return JsonNode.Parse(token.Text);
            case TokenKind.Word:
                return JsonValue.Create(token.Text); // unquoted value, as Entra's legacy examples send (reference B.2 R20)
            default:
                throw Error(token, token.Kind == TokenKind.End ? "the filter ends before the comparison value" : $"unexpected {Describe(token)}",
                    "a value: a \"string\", a number, true, false or null");
        }
    }

    private static bool IsNumber(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Number;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            return false;
        }
    }

    private AttributePath ParsePathAfter(Token word, int depth, bool inValuePath)
    {
        var (schema, name, subAttribute) = SplitPath(word);
        if (Current.Kind != TokenKind.OpenBracket || word.End != Current.Position)
        {
            return new AttributePath(schema, name, null, subAttribute);
        }

        var open = Take();
        if (subAttribute is not null || inValuePath)
        {
            throw Error(open, inValuePath ? "value filters cannot be nested" : "a value filter follows the attribute, not its sub-attribute",
                "an operator");
        }

        var filter = ParseOr(depth + 1, inValuePath: true);
        var close = Expect(TokenKind.CloseBracket, "']'", open);
        if (Current.Kind == TokenKind.Word && Current.Text.StartsWith('.') && Current.Position == close.End)
        {
            var sub = Take();
            var subName = sub.Text[1..];
            ValidateName(subName, sub.Position + 1);
            return new AttributePath(schema, name, filter, subName);
        }

        return new AttributePath(schema, name, filter, null);
    }

    /// <summary><c>urn:...:User:manager.value</c> → (schema, manager, value); <c>name.givenName</c> → (null, name, givenName).</summary>
    private (string? Schema, string Name, string? SubAttribute) SplitPath(Token word)
    {
        var text = word.Text;
        string? schema = null;
        var offset = 0;
        if (text.StartsWith(ScimSchemas.UrnPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var colon = text.LastIndexOf(':');
            if (colon == text.Length - 1)
            {
                throw Error(word, $"the path '{text}' ends with ':'", "an attribute name after the schema URN");
            }

            schema = text[..colon];
            offset = colon + 1;
            text = text[offset..];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? text : text[..dot];
        var sub = dot < 0 ? null : text[(dot + 1)..];
        ValidateName(name, word.Position + offset);
        if (sub is not null)
        {
            ValidateName(sub, word.Position + offset + dot + 1);
        }

        return (schema, name, sub);
    }

    /// <summary>ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7643 §2.1), plus <c>$ref</c>.</summary>
    private void ValidateName(string name, int position)
    {
        var valid = name.Length > 0 && (name.Equals("$ref", StringComparison.OrdinalIgnoreCase)
            || (char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')));
        if (!valid)
        {
            throw new ParseException(new ScimParseError(
                $"Invalid {(_scimType == "invalidPath" ? "path" : "filter")} at position {position}: '{name}' is not an attribute name; expected a letter followed by letters, digits, '-' or '_'.",
                position, _scimType));
        }
    }

    private Token Expect(TokenKind kind, string expected, Token opening)
    {
        var token = Take();
        if (token.Kind != kind)
        {
            throw Error(token, token.Kind == TokenKind.End
                    ? $"the {Describe(opening)} at position {opening.Position} is not closed"
                    : $"unexpected {Describe(token)}",
                expected);
        }

        return token;
    }

    private ParseException Error(Token at, string problem, string expected) => new(new ScimParseError(
        $"Invalid {(_scimType == "invalidPath" ? "path" : "filter")} at position {at.Position}: {problem}, expected {expected}.",
        at.Position, _scimType));

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "end",
        TokenKind.String => $"string \"{token.Text}\"",
        TokenKind.Word => $"'{token.Text}'",
        _ => $"'{token.Text}'",
    };

    private static List<Token> Tokenize(string text, string scimType)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, text.Length, text.Length));
                return tokens;
            }

            var c = text[i];
            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.OpenParenthesis, "(", i, i + 1));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.CloseParenthesis, ")", i, i + 1));
                    i++;
                    continue;
                case '[':
                    tokens.Add(new Token(TokenKind.OpenBracket, "[", i, i + 1));
                    i++;
                    continue;
                case ']':
                    tokens.Add(new Token(TokenKind.CloseBracket, "]", i, i + 1));
                    i++;
                    continue;
                case '"':
                    tokens.Add(ReadString(text, i, scimType));
                    i = tokens[^1].End;
                    continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '[' or ']' or '"'))
            {
                i++;
            }

            tokens.Add(new Token(TokenKind.Word, text[start..i], start, i));
        }
    }

    /// <summary>A JSON string literal (RFC 7644 §3.4.2.2: compValue is a JSON value), escapes decoded.</summary>
    private static Token ReadString(string text, int start, string scimType)
    {
        var i = start + 1;
        while (i < text.Length && text[i] != '"')
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        var kind = scimType == "invalidPath" ? "path" : "filter";
        if (i >= text.Length)
        {
            throw new ParseException(new ScimParseError(
                $"Invalid {kind} at position {start}: the string opened here is not closed, expected '\"'.", start, scimType));
        }

        try
        {
            var value = JsonSerializer.Deserialize<string>(text.AsSpan(start, i + 1 - start))!;
            return new Token(TokenKind.String, value, start, i + 1);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new ParseException(new ScimParseError(
                $"Invalid {kind} at position {start}: the string has an invalid escape, expected a JSON string.", start, scimType));
        }
    }

    private enum TokenKind
    {
        End,
        Word,
        String,
        OpenParenthesis,
        CloseParenthesis,
        OpenBracket,
        CloseBracket,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position, int End)
    {
        public bool IsWord(string word) => Kind == TokenKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ParseException(ScimParseError error) : Exception(error.Message)
    {
        public ScimParseError Error { get; } = error;
    }

    public override string ToString() => _text;
}
