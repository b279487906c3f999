using System.Text;

namespace Provisio.Expressions.Syntax;

/// <summary>
/// Splits an expression into tokens (reference: entra-expressions-and-scim A.1). Strings escape only
/// <c>\"</c> and <c>\\</c>; any other backslash is kept verbatim so that regular expressions such as
/// <c>"\+"</c> reach the regex engine unchanged.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private int _offset;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string text) => _text = text;

    public static bool TryTokenize(string text, out List<Token> tokens, out ExpressionError? error)
    {
        var lexer = new Lexer(text);
        tokens = new List<Token>(Math.Max(4, text.Length / 3));
        while (true)
        {
            if (!lexer.TryNext(out var token, out error))
            {
                return false;
            }

            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return true;
            }
        }
    }

    private TextPosition Here => new(_offset, _line, _offset - _lineStart + 1);

    private bool TryNext(out Token token, out ExpressionError? error)
    {
        SkipWhitespace();
        error = null;
        var start = Here;
        if (_offset >= _text.Length)
        {
            token = new Token(TokenKind.End, string.Empty, start, 0);
            return true;
        }

        var c = _text[_offset];
        switch (c)
        {
            case '(':
                token = Single(TokenKind.OpenParenthesis, "(", start);
                return true;
            case ')':
                token = Single(TokenKind.CloseParenthesis, ")", start);
                return true;
            case ',':
                token = Single(TokenKind.Comma, ",", start);
                return true;
            case '=':
                token = Single(TokenKind.Equal, "=", start);
                return true;
            case '<':
                token = Peek(1) switch
                {
                    '>' => Double(TokenKind.NotEqual, "<>", start),
                    '=' => Double(TokenKind.LessOrEqual, "<=", start),
                    _ => Single(TokenKind.Less, "<", start),
                };
                return true;
            case '>':
                token = Peek(1) == '=' ? Double(TokenKind.GreaterOrEqual, ">=", start) : Single(TokenKind.Greater, ">", start);
                return true;
            case '[':
                return TryAttribute(start, out token, out error);
            case '"':
                return TryString(start, out token, out error);
            case '&' when Peek(1) is 'H' or 'h':
                return TryHex(start, out token, out error);
            case '-' when char.IsAsciiDigit(Peek(1)):
            case >= '0' and <= '9':
                return TryNumber(start, out token, out error);
            default:
                if (char.IsLetter(c) || c == '_')
                {
                    token = Identifier(start);
                    return true;
                }

                token = default;
                error = new ExpressionError(ExpressionErrorCodes.UnexpectedCharacter,
                    $"Syntax error ({start.Describe()}): unexpected character '{c}', expected a function, an attribute in [brackets], a \"string\" or a number.",
                    start, "a function, an attribute, a string or a number");
                return false;
        }
    }

    private char Peek(int ahead) => _offset + ahead < _text.Length ? _text[_offset + ahead] : '\0';

    private Token Single(TokenKind kind, string value, TextPosition start)
    {
        _offset++;
        return new Token(kind, value, start, 1);
    }

    private Token Double(TokenKind kind, string value, TextPosition start)
    {
        _offset += 2;
        return new Token(kind, value, start, 2);
    }

    private void SkipWhitespace()
    {
        while (_offset < _text.Length)
        {
            var c = _text[_offset];
            if (c == '\n')
            {
                _line++;
                _lineStart = _offset + 1;
            }
            else if (c is not (' ' or '\t' or '\r') && !char.IsWhiteSpace(c))
            {
                return;
            }

            _offset++;
        }
    }

    private bool TryAttribute(TextPosition start, out Token token, out ExpressionError? error)
    {
        var close = _text.IndexOf(']', _offset + 1);
        var newline = _text.IndexOf('\n', _offset + 1);
        if (close < 0 || (newline >= 0 && newline < close))
        {
            token = default;
            error = new ExpressionError(ExpressionErrorCodes.UnbalancedBrackets,
                $"Syntax error ({start.Describe()}): the attribute name opened with '[' is not closed, expected ']'.",
                start, "']'");
            return false;
        }

        var name = _text[(_offset + 1)..close];
        if (name.Trim().Length == 0)
        {
            token = default;
            error = new ExpressionError(ExpressionErrorCodes.UnexpectedToken,
                $"Syntax error ({start.Describe()}): empty attribute name, expected a name between '[' and ']'.",
                start, "an attribute name");
            return false;
        }

        var length = close + 1 - _offset;
        _offset = close + 1;
        token = new Token(TokenKind.Attribute, name, start, length);
        error = null;
        return true;
    }

    private bool TryString(TextPosition start, out Token token, out ExpressionError? error)
    {
        var i = _offset + 1;
        StringBuilder? builder = null;
        var segmentStart = i;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == '"')
            {
                string value;
                if (builder is null)
                {
                    value = _text[segmentStart..i];
                }
                else
                {
                    builder.Append(_text, segmentStart, i - segmentStart);
                    value = builder.ToString();
                }

                Advance(i + 1);
                token = new Token(TokenKind.String, value, start, _offset - start.Offset);
                error = null;
                return true;
            }

            if (c == '\\' && i + 1 < _text.Length && _text[i + 1] is '"' or '\\')
            {
                builder ??= new StringBuilder();
                builder.Append(_text, segmentStart, i - segmentStart).Append(_text[i + 1]);
                i += 2;
                segmentStart = i;
                continue;
            }

            i++;
        }

        token = default;
        error = new ExpressionError(ExpressionErrorCodes.UnterminatedString,
            $"Syntax error ({start.Describe()}): the string opened here is not closed, expected '\"'.",
            start, "'\"'");
        return false;
    }

    /// <summary>Moves to <paramref name="end"/>, counting the newlines a string literal spans.</summary>
    private void Advance(int end)
    {
        for (var i = _offset; i < end; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }

        _offset = end;
    }

    private bool TryHex(TextPosition start, out Token token, out ExpressionError? error)
    {
        var i = _offset + 2;
        while (i < _text.Length && char.IsAsciiHexDigit(_text[i]))
        {
            i++;
        }

        var digits = _text[(_offset + 2)..i];
        if (digits.Length is 0 or > 16)
        {
            token = default;
            error = new ExpressionError(ExpressionErrorCodes.InvalidNumber,
                $"Syntax error ({start.Describe()}): '&H' must be followed by 1 to 16 hexadecimal digits.",
                start, "hexadecimal digits");
            return false;
        }

        _offset = i;
        token = new Token(TokenKind.HexInteger, digits.ToUpperInvariant(), start, i - start.Offset);
        error = null;
        return true;
    }

    private bool TryNumber(TextPosition start, out Token token, out ExpressionError? error)
    {
        var i = _offset;
        if (_text[i] == '-')
        {
            i++;
        }

        while (i < _text.Length && char.IsAsciiDigit(_text[i]))
        {
            i++;
        }

        var kind = TokenKind.Integer;
        if (i + 1 < _text.Length && _text[i] == '.' && char.IsAsciiDigit(_text[i + 1]))
        {
            kind = TokenKind.Decimal;
            i++;
            while (i < _text.Length && char.IsAsciiDigit(_text[i]))
            {
                i++;
            }
        }

        var text = _text[_offset..i];
        if (kind == TokenKind.Integer && !long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            token = default;
            error = new ExpressionError(ExpressionErrorCodes.InvalidNumber,
                $"Syntax error ({start.Describe()}): the number {text} does not fit in a 64-bit integer.",
                start, "an integer between -9223372036854775808 and 9223372036854775807");
            return false;
        }

        _offset = i;
        token = new Token(kind, text, start, i - start.Offset);
        error = null;
        return true;
    }

    private Token Identifier(TextPosition start)
    {
        var i = _offset + 1;
        while (i < _text.Length && (char.IsLetterOrDigit(_text[i]) || _text[i] == '_'))
        {
            i++;
        }

        var value = _text[_offset..i];
        _offset = i;
        return new Token(TokenKind.Identifier, value, start, i - start.Offset);
    }
}
