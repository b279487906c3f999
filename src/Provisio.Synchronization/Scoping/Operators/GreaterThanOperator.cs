using System.Globalization;
using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>Greater_Than</c>: "the evaluated attribute is greater than the value. The value specified on the scoping filter
/// must be an integer and the attribute on the user must be an integer [0,1,2,...]" (reference: entra-engine-and-api
/// §4.2); a non-integer value makes the rule invalid (§1.14, S6). Name as the portal shows it, types ours.
/// </summary>
public sealed class GreaterThanOperator : FilterOperator
{
    public override string Name => "Greater_Than";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        if (!TryParseOperand(Name, value, out var operand, out problem))
        {
            return null;
        }

        return (in ExpressionValue attribute) => !TryReadInteger(attribute, out var integer) ? ClauseOutcome.NotAnInteger
            : integer > operand ? ClauseOutcome.Satisfied : ClauseOutcome.NotSatisfied;
    }

    /// <summary>The rule's value: an integer, optionally signed, in the invariant culture (no separators, no decimals).</summary>
    internal static bool TryParseOperand(string operatorName, string? value, out long operand, out FilterOperandProblem? problem)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out operand))
        {
            problem = null;
            return true;
        }

        problem = new(ScopingFilterErrorCodes.NotAnInteger,
            $"{operatorName} compares integers, but {Quote(value)} is not an integer.");
        return false;
    }

    /// <summary>The attribute as an integer: an Integer value, or text that parses as one ("1500000").</summary>
    internal static bool TryReadInteger(in ExpressionValue attribute, out long integer)
    {
        if (attribute.Kind == ExpressionValueKind.Integer)
        {
            integer = attribute.AsInteger();
            return true;
        }

        integer = 0;
        return attribute.Kind is ExpressionValueKind.String or ExpressionValueKind.Decimal
            && long.TryParse(attribute.AsString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out integer);
    }

    private static string Quote(string? value) => value is null ? "(none)" : $"'{value}'";
}
