namespace Provisio.Synchronization.Health;

/// <summary>Test Connection with the saved credentials, run by the diagnosis (reference entra-engine-and-api §1.15).</summary>
public sealed record ConnectionTestResult
{
    public required bool Succeeded { get; init; }

    /// <summary>The failure's code (<c>SystemForCrossDomainIdentityManagementCredentialsInvalid</c>, <c>Timeout</c>, ...); null on success.</summary>
    public string? Code { get; init; }

    public string? Message { get; init; }
}
