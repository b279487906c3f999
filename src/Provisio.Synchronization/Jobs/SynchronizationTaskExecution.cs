namespace Provisio.Synchronization.Jobs;

/// <summary>Graph's <c>synchronizationTaskExecution</c> (reference entra-engine-and-api §6.6): what one run of the job did.</summary>
public sealed record SynchronizationTaskExecution
{
    /// <summary>The run's id (the cycle id the provisioning logs carry).</summary>
    public string? ActivityIdentifier { get; init; }

    /// <summary>Processed entries assigned to the application.</summary>
    public long CountEntitled { get; init; }

    public long CountEntitledForProvisioning { get; init; }

    /// <summary>Entries escrowed (failed, to be retried).</summary>
    public long CountEscrowed { get; init; }

    /// <summary>Escrowed entries including system-generated escrows.</summary>
    public long CountEscrowedRaw { get; init; }

    public long CountExported { get; init; }

    /// <summary>Entries that were expected to be exported.</summary>
    public long CountExports { get; init; }

    public long CountImported { get; init; }

    public long CountImportedDeltas { get; init; }

    public long CountImportedReferenceDeltas { get; init; }

    public SynchronizationError? Error { get; init; }

    public SynchronizationTaskExecutionResult State { get; init; }

    public DateTimeOffset TimeBegan { get; init; }

    public DateTimeOffset TimeEnded { get; init; }
}
