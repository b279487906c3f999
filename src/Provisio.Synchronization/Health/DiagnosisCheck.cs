namespace Provisio.Synchronization.Health;

/// <summary>
/// One row of the seed 000 "Troubleshooting Checklist" (symptom, first thing to check) walked over the job's data: how it
/// stands, what was found, and what to do.
/// </summary>
public sealed record DiagnosisCheck
{
    /// <summary>The checklist's symptom, word for word: <c>No users provisioned</c>, <c>Job in quarantine</c>, ...</summary>
    public required string Symptom { get; init; }

    /// <summary>The checklist's second column: <c>Scoping (assigned users? scoping filters?)</c>, ...</summary>
    public required string FirstThingToCheck { get; init; }

    public required DiagnosisStatus Status { get; init; }

    /// <summary>One sentence computed from the job's data.</summary>
    public required string Finding { get; init; }

    public string? RecommendedAction { get; init; }
}
