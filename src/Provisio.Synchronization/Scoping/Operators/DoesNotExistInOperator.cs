using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>!&amp;</c>: "Clause returns "true" if the evaluated attribute does not exist in the input string value"
/// (reference: entra-engine-and-api §4.2, S4): the negation of <see cref="ExistsInOperator"/> on a present value; false
/// on a null value like every clause. Name as the portal shows it, types ours.
/// </summary>
public sealed class DoesNotExistInOperator : FilterOperator
{
    public override string Name => "!&";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer, AttributeType.String];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        var operand = value ?? string.Empty;
        return (in ExpressionValue attribute) => operand.Contains(attribute.AsString()!, StringComparison.Ordinal)
            ? ClauseOutcome.NotSatisfied
            : ClauseOutcome.Satisfied;
    }
}
