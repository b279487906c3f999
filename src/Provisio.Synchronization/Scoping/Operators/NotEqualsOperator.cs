using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>NOT EQUALS</c>: "the evaluated attribute doesn't match the input string value (case sensitive)" (reference:
/// entra-engine-and-api §4.2); false on a null value like every clause. Name and types from Graph's <c>filterOperators</c>.
/// </summary>
public sealed class NotEqualsOperator : FilterOperator
{
    public override string Name => "NOT EQUALS";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer, AttributeType.String];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        var operand = value ?? string.Empty;
        return (in ExpressionValue attribute) => EqualsOperator.Matches(attribute, operand) ? ClauseOutcome.NotSatisfied : ClauseOutcome.Satisfied;
    }
}
