using Npgsql;

namespace Provisio.Synchronization.Storage.Postgres;

/// <summary>
/// What the nodes of a cluster share beyond the data: a job's cycle lease is a PostgreSQL session advisory lock held on a
/// connection of its own for the cycle's length (a node that dies drops the connection, and the server lets go of the
/// lock with it); a stop asked for from another node is a row the running cycle's node polls.
/// </summary>
public sealed partial class PostgresSynchronizationStore
{
    public bool SharedAcrossProcesses => true;

    public async Task<IAsyncDisposable> AcquireCycleLeaseAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('provisio.cycle'), hashtext(@job));", connection);
            command.Parameters.AddWithValue("job", jobId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new CycleLease(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task RequestCycleStopAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"INSERT INTO {_schema.Table("sync_cycle_stops")} (job_id, requested) VALUES (@job, @requested) ON CONFLICT (job_id) DO UPDATE SET requested = excluded.requested;");
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("requested", _time.GetUtcNow().UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> IsCycleStopRequestedAsync(string jobId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {_schema.Table("sync_cycle_stops")} WHERE job_id = @job AND requested >= @since);");
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("since", since.UtcTicks);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task ClearCycleStopAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"DELETE FROM {_schema.Table("sync_cycle_stops")} WHERE job_id = @job;");
        command.Parameters.AddWithValue("job", jobId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The advisory lock's connection; disposing unlocks (every lock of the session) before the connection goes back to the pool.</summary>
    private sealed class CycleLease(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all();", connection);
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The connection is broken: the server ends its session, and the lock with it.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
