using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>Greater_Than_OR_EQUALS</c>: "the evaluated attribute is greater than or equal to the value", integers only, as
/// <see cref="GreaterThanOperator"/> (reference: entra-engine-and-api §4.2). Name as the portal shows it, types ours.
/// </summary>
public sealed class GreaterThanOrEqualsOperator : FilterOperator
{
    public override string Name => "Greater_Than_OR_EQUALS";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        if (!GreaterThanOperator.TryParseOperand(Name, value, out var operand, out problem))
        {
            return null;
        }

        return (in ExpressionValue attribute) => !GreaterThanOperator.TryReadInteger(attribute, out var integer) ? ClauseOutcome.NotAnInteger
            : integer >= operand ? ClauseOutcome.Satisfied : ClauseOutcome.NotSatisfied;
    }
}
