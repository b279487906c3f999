using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Health;

/// <summary>
/// A job's diagnosis (<see cref="JobDiagnostician"/>): its state, Test Connection, failures grouped by code, what the last
/// cycle skipped, the deletions held, and the seed 000 troubleshooting checklist walked over all of it.
/// </summary>
public sealed record DiagnosisReport
{
    public required string JobId { get; init; }

    public required Guid ServicePrincipalId { get; init; }

    public required DateTimeOffset GeneratedDateTime { get; init; }

    public required DiagnosisJobState State { get; init; }

    /// <summary>Null when the diagnosis was asked not to test the connection.</summary>
    public ConnectionTestResult? TestConnection { get; init; }

    public required FailureSummary ObjectFailures { get; init; }

    public required ReferenceFailureSummary ReferenceFailures { get; init; }

    public required SkippedSummary Skipped { get; init; }

    public required PendingDeletionSummary PendingDeletions { get; init; }

    /// <summary>One per row of the checklist, in the seed's order.</summary>
    public IReadOnlyList<DiagnosisCheck> Checks { get; init; } = [];

    /// <summary>Whether any check found a problem (the CLI's exit code 1).</summary>
    [JsonIgnore]
    public bool HasProblem => Checks.Any(check => check.Status == DiagnosisStatus.Problem);
}
