using Provisio.Api.Authentication;
using Provisio.Portal.Authentication;

namespace Provisio.Host.Portal;

/// <summary>
/// The portal's sign-in with the API's credentials: an administrator key (<see cref="AdminKeys"/>), or a registered API
/// client's id and secret (<see cref="ApiClientRegistry"/>), which signs in with that client's role.
/// </summary>
internal sealed class PortalCredentials(AdminKeys adminKeys, ApiClientRegistry clients) : IPortalCredentials
{
    public async Task<PortalIdentity?> SignInAsync(string? clientId, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(clientId))
        {
            return adminKeys.Accepts(secret) ? new PortalIdentity(AdminKeyAuthenticationHandler.ClientId, "Administrator key", PortalRoles.Administrator) : null;
        }

        return await clients.FindAsync(clientId, cancellationToken).ConfigureAwait(false) is { } client && ClientSecrets.Verify(secret, client.SecretHash)
            ? new PortalIdentity(client.ClientId, client.DisplayName, client.Role == ProvisioRoles.Administrator ? PortalRoles.Administrator : PortalRoles.Reader)
            : null;
    }

    public async Task<bool> IsStillValidAsync(PortalIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.ClientId == AdminKeyAuthenticationHandler.ClientId
            || await clients.IsRegisteredAsync(identity.ClientId, identity.IsAdministrator ? ProvisioRoles.Administrator : ProvisioRoles.Reader, cancellationToken).ConfigureAwait(false);
    }
}
