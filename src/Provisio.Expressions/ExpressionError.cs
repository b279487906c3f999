using Provisio.Expressions.Syntax;

namespace Provisio.Expressions;

/// <summary>
/// What went wrong, where, and what was expected there. Errors are values: parsing, checking and
/// evaluation return them and never throw them at the caller.
/// </summary>
/// <param name="Code">One of <see cref="ExpressionErrorCodes"/>; tests and callers branch on it.</param>
/// <param name="Message">A sentence for a person, naming the column.</param>
/// <param name="Position">Where in the expression text; <see cref="TextPosition.Offset"/> is 0-based.</param>
/// <param name="Expected">What would have been valid at <paramref name="Position"/>, when that is known.</param>
public sealed record ExpressionError(string Code, string Message, TextPosition Position, string? Expected = null)
{
    public bool IsSyntaxError => ExpressionErrorCodes.IsSyntax(Code);

    public static ExpressionError Unexpected(Token found, string expected) => new(ExpressionErrorCodes.UnexpectedToken,
        $"Syntax error ({found.Position.Describe()}): unexpected {found.Describe()}, expected {expected}.",
        found.Position, expected);

    public override string ToString() => $"{Code}: {Message}";
}
