using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>IS NOT NULL</c>: "the evaluated attribute isn't empty" (reference: entra-engine-and-api §4.2). Name and types
/// from Graph's <c>filterOperators</c> response.
/// </summary>
public sealed class IsNotNullOperator : FilterOperator
{
    public override string Name => "IS NOT NULL";

    public override ScopeOperatorType Arity => ScopeOperatorType.Unary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } =
        [AttributeType.Integer, AttributeType.String, AttributeType.Binary, AttributeType.Boolean];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        return static (in ExpressionValue _) => ClauseOutcome.Satisfied;
    }
}
