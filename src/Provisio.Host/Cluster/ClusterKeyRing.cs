using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Provisio.Host.Cluster;

/// <summary>
/// The nodes of a cluster protect secrets with one Data Protection key ring, and sign access tokens with one key, both
/// kept in the shared database. Nodes started together on a new database would each create their own (and a secret
/// protected by one node's key could not be read by a node that loaded its ring before that key was stored: a ring is
/// re-read only once a day). So at start each node loads them, creating them if there are none, under a PostgreSQL
/// advisory lock: one creates them, the others wait and read them.
/// </summary>
internal static class ClusterKeyRing
{
    /// <param name="loadOthers">Loads (or creates) what else the key ring protects: the token signing key.</param>
    public static async Task LoadAsync(NpgsqlDataSource dataSource, IDataProtectionProvider provider, Func<Task> loadOthers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(loadOthers);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('provisio.data-protection'));", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Protecting once makes the provider load the ring, and create and store the first key when the ring is empty.
        provider.CreateProtector("Provisio.Cluster.KeyRing").Protect([0]);
        await loadOthers().ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
