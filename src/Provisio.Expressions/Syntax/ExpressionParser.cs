using System.Globalization;

namespace Provisio.Expressions.Syntax;

/// <summary>
/// Parses the grammar of reference entra-expressions-and-scim A.1: calls, attributes, strings, numbers (decimal,
/// negative, <c>&amp;H</c> hexadecimal), bare keywords, omitted arguments and one infix comparison where a value is
/// expected. Syntax only: unknown functions and argument counts are the <see cref="Checking.ExpressionChecker"/>'s.
/// </summary>
public sealed class ExpressionParser
{
    /// <summary>"The maximum supported length for a single attribute mapping expression is 10,000 characters." (FN, CAA)</summary>
    public const int MaximumLength = 10_000;

    /// <summary>Deeper nesting than any real mapping; the limit keeps hostile input from exhausting the stack.</summary>
    public const int MaximumDepth = 64;

    private readonly List<Token> _tokens;
    private int _index;

    private ExpressionParser(List<Token> tokens) => _tokens = tokens;

    public static ParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaximumLength)
        {
            var at = TextPosition.At(text, MaximumLength);
            return new(null, new ExpressionError(ExpressionErrorCodes.ExpressionTooLong,
                $"Syntax error ({at.Describe()}): the expression is {text.Length} characters long; Entra accepts at most {MaximumLength}.", at,
                "at most 10000 characters"));
        }

        if (!Lexer.TryTokenize(text, out var tokens, out var lexError))
        {
            return new(null, lexError);
        }

        if (tokens.Count == 1)
        {
            return new(null, new ExpressionError(ExpressionErrorCodes.EmptyExpression,
                $"Syntax error ({tokens[0].Position.Describe()}): the expression is empty, expected a function, an attribute in [brackets] or a \"string\".",
                tokens[0].Position, "a function, an attribute or a string"));
        }

        var parser = new ExpressionParser(tokens);
        try
        {
            var tree = parser.ParseCondition(depth: 0);
            var end = parser.Current;
            if (end.Kind == TokenKind.CloseParenthesis)
            {
                return new(null, new ExpressionError(ExpressionErrorCodes.UnbalancedBrackets,
                    $"Syntax error ({end.Position.Describe()}): ')' has no matching '(', expected end of expression.",
                    end.Position, "end of expression"));
            }

            return end.Kind == TokenKind.End
                ? new(tree, null)
                : new(null, ExpressionError.Unexpected(end, "end of expression"));
        }
        catch (SyntaxException exception)
        {
            return new(null, exception.Error);
        }
    }

    private Token Current => _tokens[_index];

    private Token Take() => _tokens[_index++];

    private ExpressionNode ParseCondition(int depth)
    {
        var left = ParseValue(depth);
        if (!Current.IsComparison)
        {
            return left;
        }

        var operatorToken = Take();
        var right = ParseValue(depth);
        if (Current.IsComparison)
        {
            throw new SyntaxException(ExpressionError.Unexpected(Current,
                "',' or ')' (a condition has one comparison; IIF has no AND or OR, nest IIF instead)"));
        }

        return new Comparison(left, ToOperator(operatorToken.Kind), right, left.Position);
    }

    private ExpressionNode ParseValue(int depth)
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Attribute:
                return new AttributeReference(token.Value, token.Position);
            case TokenKind.String:
                return new StringLiteral(token.Value, token.Position);
            case TokenKind.Integer:
                return new NumberLiteral(long.Parse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                    isHexadecimal: false, token.Position);
            case TokenKind.HexInteger:
                return new NumberLiteral(unchecked((long)ulong.Parse(token.Value, NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture)), isHexadecimal: true, token.Position);
            case TokenKind.Decimal:
                return new NumberLiteral(double.Parse(token.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture), token.Position);
            case TokenKind.Identifier when Current.Kind == TokenKind.OpenParenthesis:
                return ParseCall(token, depth);
            case TokenKind.Identifier:
                return new Keyword(token.Value, token.Position);
            case TokenKind.End when depth > 0:
                throw new SyntaxException(Unclosed(token));
            default:
                _index--;
                throw new SyntaxException(ExpressionError.Unexpected(token,
                    "a function, an attribute in [brackets], a \"string\" or a number"));
        }
    }

    private FunctionCall ParseCall(Token name, int depth)
    {
        if (depth >= MaximumDepth)
        {
            throw new SyntaxException(new ExpressionError(ExpressionErrorCodes.UnexpectedToken,
                $"Syntax error ({name.Position.Describe()}): functions are nested more than {MaximumDepth} deep.",
                name.Position, "fewer nested functions"));
        }

        Take(); // (
        var arguments = new List<ExpressionNode>();
        if (Current.Kind == TokenKind.CloseParenthesis)
        {
            Take();
            return new FunctionCall(name.Value, arguments, name.Position);
        }

        while (true)
        {
            arguments.Add(Current.Kind is TokenKind.Comma or TokenKind.CloseParenthesis
                ? new OmittedArgument(Current.Position)
                : ParseCondition(depth + 1));

            var separator = Take();
            switch (separator.Kind)
            {
                case TokenKind.Comma:
                    continue;
                case TokenKind.CloseParenthesis:
                    return new FunctionCall(name.Value, arguments, name.Position);
                case TokenKind.End:
                    throw new SyntaxException(Unclosed(separator));
                default:
                    throw new SyntaxException(ExpressionError.Unexpected(separator, "',' or ')'"));
            }
        }
    }

    /// <summary>The text ended inside a call: name the innermost '(' still open.</summary>
    private ExpressionError Unclosed(Token end)
    {
        var opens = new Stack<TextPosition>();
        foreach (var token in _tokens)
        {
            if (token.Kind == TokenKind.OpenParenthesis)
            {
                opens.Push(token.Position);
            }
            else if (token.Kind == TokenKind.CloseParenthesis && opens.Count > 0)
            {
                opens.Pop();
            }
        }

        var where = opens.TryPeek(out var innermost) ? innermost.Describe() : "its start";
        return new ExpressionError(ExpressionErrorCodes.UnbalancedBrackets,
            $"Syntax error ({end.Position.Describe()}): the '(' at {where} is not closed, expected ')'.",
            end.Position, "')'");
    }

    private static ComparisonOperator ToOperator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        TokenKind.Less => ComparisonOperator.Less,
        TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
        TokenKind.Greater => ComparisonOperator.Greater,
        _ => ComparisonOperator.GreaterOrEqual,
    };

    /// <summary>Unwinds the recursive descent to <see cref="Parse"/>, which returns the error as a value.</summary>
    private sealed class SyntaxException(ExpressionError error) : Exception(error.Message)
    {
        public ExpressionError Error { get; } = error;
    }
}
