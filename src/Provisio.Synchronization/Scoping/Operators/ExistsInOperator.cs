using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>&amp;</c>: "Clause returns "true" if the evaluated attribute exists in the input string value" (reference:
/// entra-engine-and-api §4.2, S4). Read literally, the converse of Includes: the attribute's value occurs within the
/// clause's value, so <c>department &amp; Sales,Marketing</c> admits Sales and Marketing (and any other substring, such
/// as "Market"). Case is compared ordinally, as for Includes. Microsoft never explained it further (azure-docs issues
/// 74934, 91161); Graph's <c>filterOperators</c> example omits it; name as the portal shows it, types ours.
/// </summary>
public sealed class ExistsInOperator : FilterOperator
{
    public override string Name => "&";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer, AttributeType.String];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        var operand = value ?? string.Empty;
        return (in ExpressionValue attribute) => operand.Contains(attribute.AsString()!, StringComparison.Ordinal)
            ? ClauseOutcome.Satisfied
            : ClauseOutcome.NotSatisfied;
    }
}
