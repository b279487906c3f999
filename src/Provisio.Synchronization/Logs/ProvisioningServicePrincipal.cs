namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisioningServicePrincipal</c>: the application whose job wrote the entry.</summary>
public sealed record ProvisioningServicePrincipal(string Id, string? DisplayName);
