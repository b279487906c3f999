using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>IS TRUE</c>: "the evaluated attribute contains a Boolean value of true" (reference: entra-engine-and-api §4.2).
/// Name and types from Graph's <c>filterOperators</c> response.
/// </summary>
public sealed class IsTrueOperator : FilterOperator
{
    public override string Name => "IS TRUE";

    public override ScopeOperatorType Arity => ScopeOperatorType.Unary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Boolean];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        return static (in ExpressionValue attribute) => !TryReadBoolean(attribute, out var flag) ? ClauseOutcome.NotABoolean
            : flag ? ClauseOutcome.Satisfied : ClauseOutcome.NotSatisfied;
    }

    /// <summary>A Boolean value, or text that reads as one ("True", "false"), as Graph carries Booleans in strings.</summary>
    internal static bool TryReadBoolean(in ExpressionValue attribute, out bool flag)
    {
        if (attribute.Kind == ExpressionValueKind.Boolean)
        {
            flag = attribute.AsBoolean();
            return true;
        }

        flag = false;
        return attribute.Kind == ExpressionValueKind.String && bool.TryParse(attribute.AsString(), out flag);
    }
}
