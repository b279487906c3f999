namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisionedIdentity</c>: the object in the source or the target.</summary>
public sealed record ProvisionedIdentity
{
    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    /// <summary><c>User</c>, <c>Group</c>, ...</summary>
    public string? IdentityType { get; init; }

    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
