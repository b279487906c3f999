namespace Provisio.Synchronization.Jobs;

/// <summary>Graph's <c>synchronizationTaskExecutionResult</c>, a run's <c>state</c>.</summary>
public enum SynchronizationTaskExecutionResult
{
    Succeeded,
    Failed,
    EntryLevelErrors,
}
