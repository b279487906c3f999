using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Health;

/// <summary>How one row of the troubleshooting checklist stands (<see cref="DiagnosisCheck.Status"/>).</summary>
public enum DiagnosisStatus
{
    /// <summary>Nothing in the job's data points to this symptom.</summary>
    [JsonStringEnumMemberName("ok")] Ok,

    /// <summary>Worth a look, but not necessarily wrong (objects skipped by scoping, self-healing reference failures).</summary>
    [JsonStringEnumMemberName("warning")] Warning,

    /// <summary>The symptom is present: the finding says what and the recommended action what to do.</summary>
    [JsonStringEnumMemberName("problem")] Problem,

    /// <summary>Cannot be judged from the job's data (no cycle ran yet, or it takes a person to compare values).</summary>
    [JsonStringEnumMemberName("info")] Info,
}
