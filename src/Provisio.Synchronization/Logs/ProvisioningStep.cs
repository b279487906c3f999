namespace Provisio.Synchronization.Logs;

/// <summary>
/// Graph's <c>provisioningStep</c>: one stage of the object's journey (reference entra-engine-and-api §1.4), e.g.
/// <c>EntryImport</c> / import, <c>EntrySynchronizationScoping</c> / scoping, <c>EntryExportAdd</c> / export, with the
/// details an administrator needs (source values, clauses evaluated, the matched target object).
/// </summary>
public sealed record ProvisioningStep
{
    public required string Name { get; init; }

    public required ProvisioningStepType ProvisioningStepType { get; init; }

    public required ProvisioningResult Status { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
