using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Functions;

/// <summary>A call as the compiler hands it to its function: the syntax, and one evaluator per argument.</summary>
public sealed class BoundCall(FunctionCall syntax, Evaluator[] arguments, ExpressionValue?[] constants)
{
    public FunctionCall Syntax { get; } = syntax;

    /// <summary>One per argument; an omitted argument evaluates to <see cref="ExpressionValue.Omitted"/>.</summary>
    public Evaluator[] Arguments { get; } = arguments;

    /// <summary>The value of each argument that is a literal (or omitted), known before any evaluation; else null.</summary>
    public ExpressionValue?[] Constants { get; } = constants;

    public int Count => Arguments.Length;

    public TextPosition Position => Syntax.Position;

    public bool IsSupplied(int index) => index < Arguments.Length && Syntax.Arguments[index] is not OmittedArgument;
}
