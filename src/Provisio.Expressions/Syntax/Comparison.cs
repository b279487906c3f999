namespace Provisio.Expressions.Syntax;

/// <summary><c>left = right</c> and the other comparisons, as in <c>IIF([country]="USA", ...)</c>.</summary>
public sealed class Comparison(ExpressionNode left, ComparisonOperator @operator, ExpressionNode right,
    TextPosition position = default) : ExpressionNode(position)
{
    public ExpressionNode Left { get; } = left;

    public ComparisonOperator Operator { get; } = @operator;

    public ExpressionNode Right { get; } = right;

    public static string Symbol(ComparisonOperator @operator) => @operator switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    public override bool SyntaxEquals(ExpressionNode? other) => other is Comparison comparison
        && comparison.Operator == Operator && Left.SyntaxEquals(comparison.Left) && Right.SyntaxEquals(comparison.Right);
}
