namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisioningSystem</c>: the source or target system (targetSystem details carry the application's ids).</summary>
public sealed record ProvisioningSystem
{
    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
