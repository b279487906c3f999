using System.Globalization;
using Provisio.Scim.Client;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Configuration;

/// <summary>Reads and writes a service principal's secrets, protected before they reach the store (never in clear at rest).</summary>
public sealed class JobSecretsStore(ISynchronizationStore store, ISecretProtector protector)
{
    public async Task<JobSecrets> GetAsync(Guid servicePrincipalId, CancellationToken cancellationToken)
    {
        var stored = await store.GetProtectedSecretsAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false);
        return stored is null ? JobSecrets.Empty : JobSecrets.Deserialize(protector.Unprotect(stored));
    }

    public Task SetAsync(Guid servicePrincipalId, JobSecrets secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return store.SetProtectedSecretsAsync(servicePrincipalId, protector.Protect(secrets.Serialize()), cancellationToken);
    }

    /// <summary>
    /// Keeps what a refresh of the saved authorization-code grant issued (protected, as every secret): the refresh token
    /// to use next (rotated or not), the access token and its creation time. Nothing is written when the saved refresh
    /// token is no longer the one used (an administrator authorized again meanwhile, or other credentials were tested);
    /// false then.
    /// </summary>
    public async Task<bool> SaveRefreshedAsync(Guid servicePrincipalId, OAuthTokenGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var current = await GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(current[SynchronizationSecret.Oauth2RefreshToken], grant.PreviousRefreshToken, StringComparison.Ordinal))
        {
            return false;
        }

        await SetAsync(servicePrincipalId, current.With(
        [
            new(SynchronizationSecret.Oauth2RefreshToken, grant.RefreshToken),
            new(SynchronizationSecret.Oauth2AccessToken, grant.AccessToken),
            new(SynchronizationSecret.Oauth2AccessTokenCreationTime, grant.Issued.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        ]), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
