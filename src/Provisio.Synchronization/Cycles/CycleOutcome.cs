namespace Provisio.Synchronization.Cycles;

public enum CycleOutcome
{
    /// <summary>Every object was processed; the watermark moved.</summary>
    Completed,

    /// <summary>A failure of the whole job (credentials, an unreachable target) stopped it; the checkpoint resumes it.</summary>
    Failed,

    /// <summary>Stopped before its end by a restart, a schema save or the job's deletion, which reset its state.</summary>
    Stopped,

    /// <summary>The job cannot run: not configured, no such job, or a schema that does not compile.</summary>
    NotRunnable,
}
