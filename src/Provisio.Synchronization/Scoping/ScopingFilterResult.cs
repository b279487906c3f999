namespace Provisio.Synchronization.Scoping;

/// <summary>
/// How an object mapping's scoping filter judged one object: every group and clause, evaluated (none is skipped, so
/// the log shows them all), and the <c>ScopeEvaluationResult</c> detail Entra logs.
/// </summary>
public sealed record ScopingFilterResult
{
    /// <summary>No scoping filter: every object passes, and the log reads <c>"ScopeEvaluationResult":"{}"</c>.</summary>
    public static ScopingFilterResult NoFilter { get; } = new() { Passed = true, ScopeEvaluationResult = "{}" };

    /// <summary>Any group passed (groups are ORed, reference: entra-engine-and-api §4.1), or there are no groups.</summary>
    public required bool Passed { get; init; }

    public IReadOnlyList<FilterGroupResult> Groups { get; init; } = [];

    /// <summary>
    /// Each clause's key and result as a JSON object, as Entra logs it: <c>{"On-prem Owned Users.dirSyncEnabled IS TRUE":
    /// false}</c> (a provisioning log quoted in Microsoft Q&amp;A, https://learn.microsoft.com/answers/a/12571236), <c>{}</c> without a filter (the provisionOnDemand example, §6.9).
    /// </summary>
    public required string ScopeEvaluationResult { get; init; }
}
