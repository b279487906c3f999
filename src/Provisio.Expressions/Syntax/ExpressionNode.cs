namespace Provisio.Expressions.Syntax;

/// <summary>A node of the parsed expression. Nodes compare by <see cref="SyntaxEquals"/>, which ignores positions.</summary>
public abstract class ExpressionNode
{
    private protected ExpressionNode(TextPosition position) => Position = position;

    /// <summary>Where the node starts in the text it was parsed from (<see cref="TextPosition.Start"/> when built in code).</summary>
    public TextPosition Position { get; }

    /// <summary>Same shape and same values, wherever they were written.</summary>
    public abstract bool SyntaxEquals(ExpressionNode? other);

    /// <summary>The canonical text, which parses back to a node that <see cref="SyntaxEquals"/> this one.</summary>
    public override string ToString() => ExpressionPrinter.Print(this);
}
