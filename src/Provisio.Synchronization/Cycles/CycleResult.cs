using Provisio.Scim.Client;
using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Cycles;

/// <summary>What one run of a job did (the status's <c>lastExecution</c>), and whether it finished or stopped early.</summary>
public sealed record CycleResult(SynchronizationTaskExecution Execution, CycleOutcome Outcome)
{
    /// <summary>The failure of the whole job that stopped the cycle (credentials, reachability, SCIM compliance).</summary>
    public ScimFailure? JobFailure { get; init; }

    /// <summary>Deletions left pending because they exceed the accidental-deletion threshold (0: none held).</summary>
    public long HeldDeletions { get; init; }

    public int? DeletionThreshold { get; init; }

    /// <summary>Object escrows whose retry was due and ran in this cycle.</summary>
    public int EscrowsRetried { get; init; }

    /// <summary>Escrows removed unretried: their first failure is 28 days old (reference §1.10).</summary>
    public int EscrowsExpired { get; init; }
}
