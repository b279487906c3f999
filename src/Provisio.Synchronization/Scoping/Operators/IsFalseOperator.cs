using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>IS FALSE</c>: "the evaluated attribute contains a Boolean value of false" (reference: entra-engine-and-api §4.2);
/// a null value is not false, it fails the clause. Name and types from Graph's <c>filterOperators</c> response.
/// </summary>
public sealed class IsFalseOperator : FilterOperator
{
    public override string Name => "IS FALSE";

    public override ScopeOperatorType Arity => ScopeOperatorType.Unary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Boolean];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        return static (in ExpressionValue attribute) => !IsTrueOperator.TryReadBoolean(attribute, out var flag) ? ClauseOutcome.NotABoolean
            : flag ? ClauseOutcome.NotSatisfied : ClauseOutcome.Satisfied;
    }
}
