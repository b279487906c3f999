namespace Provisio.Synchronization.Cycles;

public enum CycleOutcome
{
    /// <summary>Every object was processed; the watermark moved.</summary>
    Completed,

    /// <summary>A failure of the whole job (credentials, an unreachable target) stopped it; the checkpoint resumes it.</summary>
    Failed,

    /// <summary>The job cannot run: not configured, no such job, or a schema that does not compile.</summary>
    NotRunnable,
}
