using System.Text.RegularExpressions;
using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping.Operators;

/// <summary>
/// <c>REGEX MATCH</c>: "the evaluated attribute matches a regular expression pattern. For example: ([1-9][0-9]) matches
/// any number between 10 and 99 (case sensitive)" (reference: entra-engine-and-api §4.2). A .NET regex searched
/// anywhere in the value (<see cref="Regex.IsMatch(string)"/>), so anchor it (<c>^…$</c>) to test the whole value.
/// Compiled once per filter, with a match timeout. Name and types from Graph's <c>filterOperators</c> response.
/// </summary>
public sealed class RegexMatchOperator : FilterOperator
{
    /// <summary>Each match may run this long; then the clause fails with <see cref="ClauseOutcome.RegexTimeout"/> (ours).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public override string Name => "REGEX MATCH";

    public override ScopeOperatorType Arity => ScopeOperatorType.Binary;

    public override IReadOnlyList<AttributeType> SupportedAttributeTypes { get; } = [AttributeType.Integer, AttributeType.String];

    internal override ClausePredicate? Bind(string? value, out FilterOperandProblem? problem)
    {
        if (Compile(Name, value, out problem) is not { } regex)
        {
            return null;
        }

        return (in ExpressionValue attribute) => Match(regex, attribute) switch
        {
            true => ClauseOutcome.Satisfied,
            false => ClauseOutcome.NotSatisfied,
            null => ClauseOutcome.RegexTimeout,
        };
    }

    /// <summary>
    /// Case sensitive (no IgnoreCase, reference §4.2) and culture-invariant. A pattern .NET rejects is an invalid rule
    /// whose problem carries the 0-based offset .NET reports.
    /// </summary>
    internal static Regex? Compile(string operatorName, string? pattern, out FilterOperandProblem? problem)
    {
        try
        {
            problem = null;
            return new Regex(pattern ?? string.Empty, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (RegexParseException exception)
        {
            problem = new(ScopingFilterErrorCodes.InvalidRegex,
                $"{operatorName} takes a .NET regular expression, but this one is not valid: {exception.Message}", exception.Offset);
            return null;
        }
    }

    /// <summary>Whether the value matches; null when the match timed out.</summary>
    internal static bool? Match(Regex regex, in ExpressionValue attribute)
    {
        try
        {
            return regex.IsMatch(attribute.AsString()!);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
