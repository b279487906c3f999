using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>IS NULL</c>: "the evaluated attribute is empty" (reference: entra-engine-and-api §4.2), the one clause a null or
/// empty value satisfies. Name and types from Graph's <c>filterOperators</c> response.
/// </summary>
public sealed class IsNullOperator : FilterOperator
{
    public override string Name => "IS NULL";

    public override ScopeOperatorType Arity => ScopeOperatorType.Unary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } =
        [AttributeType.Integer, AttributeType.String, AttributeType.Binary, AttributeType.Boolean];

    public override bool MatchesNullOrEmpty => true;

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        return static (in ExpressionValue _) => ClauseOutcome.NotSatisfied;
    }
}
