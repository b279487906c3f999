using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Cycles;

/// <summary>What one run of a job did (the status's <c>lastExecution</c>), and whether it finished or stopped early.</summary>
public sealed record CycleResult(SynchronizationTaskExecution Execution, CycleOutcome Outcome);
