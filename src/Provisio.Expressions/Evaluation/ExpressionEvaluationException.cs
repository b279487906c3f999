using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Evaluation;

/// <summary>
/// Raised inside a function to abandon the evaluation; <see cref="Compilation.CompiledExpression.Evaluate(IExpressionAttributes, ExpressionEnvironment?)"/>
/// catches it and returns an <see cref="ExpressionError"/>, so it never reaches a caller.
/// </summary>
internal sealed class ExpressionEvaluationException(string code, string message, TextPosition? position = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public TextPosition? Position { get; } = position;

    public ExpressionError ToError(TextPosition fallback)
    {
        var at = Position ?? fallback;
        return new ExpressionError(Code, $"Evaluation error ({at.Describe()}): {Message}", at);
    }
}
