namespace Provisio.Synchronization.Jobs;

/// <summary>
/// Graph's <c>synchronizationJob</c> (reference entra-engine-and-api §6.2): one provisioning job of one service
/// principal, made from a template, with its schedule, status and settings. The schema is a relationship, read and
/// written on its own (<c>.../jobs/{id}/schema</c>).
/// </summary>
public sealed record SynchronizationJob
{
    /// <summary>The setting every Graph example carries: the accidental-deletion threshold (reference §3).</summary>
    public const string QuarantineTooManyDeletesThreshold = "QuarantineTooManyDeletesThreshold";

    /// <summary><c>{templateId}.{32 hex digits}</c>, e.g. <c>scim.e4bbf44533ea4eabb17027f3a92e92aa</c> (reference §1.1).</summary>
    public required string Id { get; init; }

    public required string TemplateId { get; init; }

    public SynchronizationSchedule Schedule { get; init; } = SynchronizationSchedule.NewJob;

    public SynchronizationStatus Status { get; init; } = SynchronizationStatus.NotConfigured;

    /// <summary>Graph's <c>keyValuePair</c> collection; "some settings are inherited from the template".</summary>
    public IReadOnlyList<SynchronizationJobSetting> SynchronizationJobSettings { get; init; } = [];

    /// <summary>The id of a job made from <paramref name="templateId"/>: <c>scim.e4bbf44533ea4eabb17027f3a92e92aa</c>.</summary>
    public static string NewId(string templateId, Guid unique)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        return $"{templateId}.{unique:N}";
    }

    /// <summary>
    /// A job as <c>POST .../synchronization/jobs</c> creates it: disabled, never run, <c>NotConfigured</c>, its
    /// interval <see cref="TimeSpan.MaxValue"/>, the deletion threshold at 500 as in Graph's examples (reference §1.19, §3).
    /// </summary>
    public static SynchronizationJob Create(string templateId, Guid unique) => new()
    {
        Id = NewId(templateId, unique),
        TemplateId = templateId,
        SynchronizationJobSettings = [new SynchronizationJobSetting(QuarantineTooManyDeletesThreshold, "500")],
    };
}
