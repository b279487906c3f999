namespace Provisio.Api.Authentication;

/// <summary>
/// A registered API client (OAuth 2.0 client credentials): its id (a GUID, as an Entra application's appId), a display
/// name, one role, and its secret held only as <see cref="ClientSecrets"/> hashes it.
/// </summary>
public sealed record ApiClient
{
    public required string ClientId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary><see cref="ProvisioRoles.Reader"/> or <see cref="ProvisioRoles.Administrator"/>.</summary>
    public required string Role { get; init; }

    /// <summary>PBKDF2 hash of the secret (<see cref="ClientSecrets.Hash"/>); never the secret.</summary>
    public required string SecretHash { get; init; }

    public required DateTimeOffset CreatedDateTime { get; init; }

    /// <summary>The hash is not shown, even masked.</summary>
    public override string ToString() => $"{ClientId} ({DisplayName}, {Role})";
}
