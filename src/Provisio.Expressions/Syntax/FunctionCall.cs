namespace Provisio.Expressions.Syntax;

/// <summary><c>Name(argument, ...)</c>. Function names are case-insensitive, as in Entra.</summary>
public sealed class FunctionCall(string name, IReadOnlyList<ExpressionNode> arguments, TextPosition position = default)
    : ExpressionNode(position)
{
    public string Name { get; } = name;

    public IReadOnlyList<ExpressionNode> Arguments { get; } = arguments;

    public override bool SyntaxEquals(ExpressionNode? other)
    {
        if (other is not FunctionCall call || !string.Equals(Name, call.Name, StringComparison.OrdinalIgnoreCase)
            || call.Arguments.Count != Arguments.Count)
        {
            return false;
        }

        for (var i = 0; i < Arguments.Count; i++)
        {
            if (!Arguments[i].SyntaxEquals(call.Arguments[i]))
            {
                return false;
            }
        }

        return true;
    }
}
