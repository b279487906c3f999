using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>ENDS_WITH</c>: "the evaluated attribute ends with the input string value" (reference: entra-engine-and-api §4.2).
/// The docs don't say how case compares; like its documented neighbours EQUALS and Includes, ordinally (case
/// sensitive). Graph's <c>filterOperators</c> example omits it; name as the portal shows it, types ours.
/// </summary>
public sealed class EndsWithOperator : FilterOperator
{
    public override string Name => "ENDS_WITH";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer, AttributeType.String];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        var operand = value ?? string.Empty;
        return (in ExpressionValue attribute) => attribute.AsString()!.EndsWith(operand, StringComparison.Ordinal)
            ? ClauseOutcome.Satisfied
            : ClauseOutcome.NotSatisfied;
    }
}
