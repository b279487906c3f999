using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>EQUALS</c>: "the evaluated attribute matches the input string value exactly (case sensitive)" (reference:
/// entra-engine-and-api §4.2). Name and types from Graph's <c>filterOperators</c> response.
/// </summary>
public sealed class EqualsOperator : FilterOperator
{
    public override string Name => "EQUALS";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer, AttributeType.String];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        problem = null;
        var operand = value ?? string.Empty;
        return (in ExpressionValue attribute) => Matches(attribute, operand) ? ClauseOutcome.Satisfied : ClauseOutcome.NotSatisfied;
    }

    /// <summary>
    /// Text compares ordinally (case sensitive, reference §4.2). A Boolean attribute compares as a Boolean, so Graph's
    /// own example <c>dirSyncEnabled EQUALS True</c> (G-filter) holds however the value is cased.
    /// </summary>
    internal static bool Matches(in ExpressionValue attribute, string operand) => attribute.Kind == ExpressionValueKind.Boolean
        ? bool.TryParse(operand, out var expected) && expected == attribute.AsBoolean()
        : string.Equals(attribute.AsString(), operand, StringComparison.Ordinal);
}
