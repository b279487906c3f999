namespace Provisio.Portal.Authentication;

/// <summary>Who is signed in to the portal: the API client id (<c>admin-key</c> for a key), a name, and the role.</summary>
public sealed record PortalIdentity(string ClientId, string DisplayName, string Role)
{
    public bool IsAdministrator => Role == PortalRoles.Administrator;
}
