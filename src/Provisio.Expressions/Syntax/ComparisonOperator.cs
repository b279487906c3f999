namespace Provisio.Expressions.Syntax;

/// <summary>The infix comparisons Entra accepts in a condition: <c>= &lt;&gt; &gt; &gt;= &lt; &lt;=</c>; no AND/OR (FN, IIF).</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
