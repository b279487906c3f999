namespace Provisio.Synchronization.Jobs;

/// <summary>Graph's <c>synchronizationStatus</c> (reference entra-engine-and-api §6.4): a job's state, last runs and progress.</summary>
public sealed record SynchronizationStatus
{
    /// <summary>A new job's status: never configured, never run (reference §1.19).</summary>
    public static SynchronizationStatus NotConfigured { get; } = new() { Code = SynchronizationStatusCode.NotConfigured };

    public SynchronizationStatusCode Code { get; init; }

    public long CountSuccessiveCompleteFailures { get; init; }

    /// <summary>Escrows pruned during the initial cycle instead of quarantining; the job pauses when it completes (reference §1.10).</summary>
    public bool EscrowsPruned { get; init; }

    public SynchronizationTaskExecution? LastExecution { get; init; }

    /// <summary>The last run without errors.</summary>
    public SynchronizationTaskExecution? LastSuccessfulExecution { get; init; }

    public SynchronizationTaskExecution? LastSuccessfulExecutionWithExports { get; init; }

    public IReadOnlyList<SynchronizationProgress> Progress { get; init; } = [];

    public SynchronizationQuarantine? Quarantine { get; init; }

    /// <summary><c>0001-01-01T00:00:00Z</c> until the job first reaches steady state (no more changes to process).</summary>
    public DateTimeOffset SteadyStateFirstAchievedTime { get; init; } = DateTimeOffset.MinValue;

    public DateTimeOffset SteadyStateLastAchievedTime { get; init; } = DateTimeOffset.MinValue;

    /// <summary>Counts per object type (Graph's <c>stringKeyLongValuePair</c>).</summary>
    public IReadOnlyList<StringKeyLongValuePair> SynchronizedEntryCountByType { get; init; } = [];

    public string? TroubleshootingUrl { get; init; }
}
