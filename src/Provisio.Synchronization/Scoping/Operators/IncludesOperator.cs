using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>Includes</c>: "the evaluated attribute contains the string value (case sensitive) as described [in
/// String.Contains]" (reference: entra-engine-and-api §4.2), an ordinal search. Graph's <c>filterOperators</c> example
/// omits it; name as the portal shows it, types ours.
/// </summary>
public sealed class IncludesOperator : FilterOperator
{
    public override string Name => "Includes";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer, AttributeType.String];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        var operand = value ?? string.Empty;
        return (in ExpressionValue attribute) => attribute.AsString()!.Contains(operand, StringComparison.Ordinal)
            ? ClauseOutcome.Satisfied
            : ClauseOutcome.NotSatisfied;
    }
}
