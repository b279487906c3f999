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
}
