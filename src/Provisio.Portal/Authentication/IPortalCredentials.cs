namespace Provisio.Portal.Authentication;

/// <summary>
/// Checks what a person types on the sign-in page: an administrator key, or an API client's id and secret (the same
/// credentials the Graph API accepts; the host implements this with the API's key and client registry).
/// </summary>
public interface IPortalCredentials
{
    /// <summary>The signed-in identity, or null when the key or the client id and secret are not accepted.</summary>
    /// <param name="clientId">Null or empty for an administrator key.</param>
    Task<PortalIdentity?> SignInAsync(string? clientId, string secret, CancellationToken cancellationToken);

    /// <summary>Whether an identity signed in earlier still holds its role (a removed client's cookie stops working).</summary>
    Task<bool> IsStillValidAsync(PortalIdentity identity, CancellationToken cancellationToken);
}
