using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping;

/// <summary>How one clause judged one object: what it read, whether it passed, and why.</summary>
public sealed record FilterClauseResult
{
    public required string GroupName { get; init; }

    public required FilterClause Clause { get; init; }

    /// <summary>The operator's canonical name, or the clause's <c>operatorName</c> as written when it is unknown.</summary>
    public required string OperatorName { get; init; }

    /// <summary>
    /// The clause as on-demand provisioning shows it: "{scoping filter title} {scoping filter attribute} {scoping filter
    /// operator} {scoping filter value}" (reference: entra-engine-and-api §1.5, S6), e.g. <c>Sales department EQUALS Sales</c>.
    /// </summary>
    public required string Text { get; init; }

    /// <summary>
    /// The clause's key in the <c>ScopeEvaluationResult</c> detail, as a provisioning log shows it:
    /// <c>On-prem Owned Users.dirSyncEnabled IS TRUE</c> (a provisioning log quoted in Microsoft Q&amp;A, https://learn.microsoft.com/answers/a/12571236); a binary clause appends its value.
    /// </summary>
    public required string EvaluationKey { get; init; }

    /// <summary>The attribute's value on the object (<see cref="ExpressionValue.Null"/> when it has none).</summary>
    public ExpressionValue SourceValue { get; init; }

    public required ClauseOutcome Outcome { get; init; }

    public bool Passed => Outcome == ClauseOutcome.Satisfied;

    /// <summary>Why, in a sentence: <c>department is "sales", which does not satisfy EQUALS "Sales".</c></summary>
    public required string Reason { get; init; }
}
