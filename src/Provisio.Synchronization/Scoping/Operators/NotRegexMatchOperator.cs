using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>NOT REGEX MATCH</c>: "the evaluated attribute doesn't match a regular expression pattern. It returns "false" if
/// the attribute is null / empty" (reference: entra-engine-and-api §4.2). Same regex rules as
/// <see cref="RegexMatchOperator"/>; a timeout fails the clause rather than passing it. Name and types from Graph's
/// <c>filterOperators</c> response.
/// </summary>
public sealed class NotRegexMatchOperator : FilterOperator
{
    public override string Name => "NOT REGEX MATCH";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer, AttributeType.String];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        if (RegexMatchOperator.Compile(Name, value, out problem) is not { } regex)
        {
            return null;
        }

        return (in ExpressionValue attribute) => RegexMatchOperator.Match(regex, attribute) switch
        {
            true => ClauseOutcome.NotSatisfied,
            false => ClauseOutcome.Satisfied,
            null => ClauseOutcome.RegexTimeout,
        };
    }
}
