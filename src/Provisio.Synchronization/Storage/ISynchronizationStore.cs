using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Notifications;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// Everything a synchronization job keeps between cycles (DESIGN.md: the engine persists watermarks, escrows and cycle
/// checkpoints, so a job picked up elsewhere resumes rather than restarts): the job and its schema, the service
/// principal's protected secrets, the connector data store (source ↔ target links and what the target last received),
/// the cycle state, escrows and the provisioning logs; and the service's directory audits and e-mail outbox. Implemented
/// on SQLite and PostgreSQL; one contract suite runs against each.
/// </summary>
public interface ISynchronizationStore : IAsyncDisposable
{
    /// <summary>Creates the schema, or migrates it, before first use.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether several processes (the nodes of a cluster) may share this store. Then a job's cycle runs under
    /// <see cref="AcquireCycleLeaseAsync"/> and a stop is asked for through the store; a file store serves one process.
    /// </summary>
    bool SharedAcrossProcesses => false;

    /// <summary>
    /// Waits until no other process runs a cycle (or an on-demand run) of the job, then holds the job until the result is
    /// disposed; a process that dies lets go of it. In one process the engine's own gate is enough: nothing to hold.
    /// </summary>
    Task<IAsyncDisposable> AcquireCycleLeaseAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(NoLease.Instance);

    /// <summary>Asks whichever process runs the job's cycle to stop it at its next checkpoint (a restart or a schema save elsewhere).</summary>
    Task RequestCycleStopAsync(string jobId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether a stop of the job's cycle was asked for at or after <paramref name="since"/> and not yet cleared.</summary>
    Task<bool> IsCycleStopRequestedAsync(string jobId, DateTimeOffset since, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Clears a stop asked for by <see cref="RequestCycleStopAsync"/> once the asker has what it waited for.</summary>
    Task ClearCycleStopAsync(string jobId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Adds a job; false when a job with its id exists.</summary>
    Task<bool> CreateJobAsync(StoredJob job, CancellationToken cancellationToken);

    Task<StoredJob?> GetJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The jobs of one service principal, or of all when <paramref name="servicePrincipalId"/> is null, by id.</summary>
    Task<IReadOnlyList<StoredJob>> ListJobsAsync(Guid? servicePrincipalId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the job's definition, schema and status when its stored <see cref="StoredJob.Version"/> is still
    /// <paramref name="job"/>'s (optimistic concurrency); returns the job as stored with its next version, or null when
    /// another writer came first or the job is gone.
    /// </summary>
    Task<StoredJob?> UpdateJobAsync(StoredJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the job with its connector data store, cycle state and escrows; its provisioning logs stay, as Entra's do
    /// (deleting a job leaves the target untouched and its history readable).
    /// </summary>
    Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The service principal's secrets as <see cref="ISecretProtector.Protect"/> wrote them, or null.</summary>
    Task<string?> GetProtectedSecretsAsync(Guid servicePrincipalId, CancellationToken cancellationToken);

    Task SetProtectedSecretsAsync(Guid servicePrincipalId, string protectedSecrets, CancellationToken cancellationToken);

    /// <summary>The data-protection key ring's elements (XML text), for ASP.NET Core Data Protection's <c>IXmlRepository</c>.</summary>
    IReadOnlyList<string> ReadProtectionKeys();

    void StoreProtectionKey(string friendlyName, string xml);

    /// <summary>The job's cycle state (watermark and checkpoint); <see cref="CycleState.Initial"/> when it never ran.</summary>
    Task<CycleState> GetCycleStateAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The connector data store entries of the given source objects that exist (set-based: one query per call).</summary>
    Task<IReadOnlyDictionary<Guid, ConnectorEntry>> GetEntriesAsync(string jobId, IReadOnlyCollection<Guid> sourceIds, CancellationToken cancellationToken);

    /// <summary>
    /// The links of the given source objects that have an entry (type and target id, not the values they last
    /// received): what resolving references to them needs, read without parsing their values (set-based: one query per call).
    /// </summary>
    Task<IReadOnlyDictionary<Guid, ConnectorLink>> GetLinksAsync(string jobId, IReadOnlyCollection<Guid> sourceIds, CancellationToken cancellationToken);

    /// <summary>The job's connector data store entries of one object type after <paramref name="afterSourceId"/>, by source id.</summary>
    IAsyncEnumerable<ConnectorEntry> ReadEntriesAsync(string jobId, string objectType, Guid? afterSourceId, int limit, CancellationToken cancellationToken);

    /// <summary>How many entries of each object type the job's connector data store holds (the status's <c>synchronizedEntryCountByType</c>).</summary>
    Task<IReadOnlyDictionary<string, long>> CountEntriesAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Escrows of the job whose next retry is at or before <paramref name="dueBy"/>, earliest first.</summary>
    IAsyncEnumerable<EscrowEntry> ReadDueEscrowsAsync(string jobId, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);

    /// <summary>All the job's escrows (the status's counts and the diagnosis view), by source id and kind.</summary>
    IAsyncEnumerable<EscrowEntry> ReadEscrowsAsync(string jobId, CancellationToken cancellationToken);

    Task<EscrowCounts> CountEscrowsAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a unit of a cycle's work in one transaction: connector entries written and removed, escrows raised and
    /// resolved, provisioning logs appended, and the cycle state (checkpoint or watermark) moved. A crash leaves either
    /// all of it or none, so a resumed cycle neither loses nor repeats an object's bookkeeping.
    /// </summary>
    Task WriteAsync(string jobId, SynchronizationWrite write, CancellationToken cancellationToken);

    /// <summary>What a restart resets (reference entra-engine-and-api §6.8), in one transaction.</summary>
    Task ResetAsync(string jobId, SynchronizationReset reset, CancellationToken cancellationToken);

    /// <summary>
    /// One page of provisioning logs, newest first (<c>activityDateTime desc</c>, then id; oldest first when the query is
    /// <see cref="ProvisioningLogQuery.Ascending"/>), after the query's cursor.
    /// </summary>
    Task<ProvisioningLogPage> QueryLogsAsync(ProvisioningLogQuery query, CancellationToken cancellationToken);

    /// <summary>How many provisioning logs match the query's conditions (its cursor and page size aside), for <c>$count</c>.</summary>
    Task<long> CountLogsAsync(ProvisioningLogQuery query, CancellationToken cancellationToken);

    Task<ProvisioningObjectSummary?> GetLogAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The source ids of the objects a cycle of the job has logged so far, each once, in no particular order: a resumed
    /// initial cycle learns from them which users it provisioned ahead of their place in the scan (logs are written in
    /// the same transaction as the checkpoint, so they are exactly the committed ones).
    /// </summary>
    IAsyncEnumerable<string> ReadLoggedSourceIdsAsync(string jobId, string cycleId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a directory audit (Graph's <c>directoryAudit</c>, for <c>GET /auditLogs/directoryAudits</c>). Appending is
    /// idempotent: an audit whose id is already stored is left as it was.
    /// </summary>
    Task AppendAuditAsync(DirectoryAudit audit, CancellationToken cancellationToken);

    /// <summary>One page of directory audits, newest first (<c>activityDateTime desc</c>, then id desc), after the query's cursor.</summary>
    Task<DirectoryAuditPage> QueryAuditsAsync(DirectoryAuditQuery query, CancellationToken cancellationToken);

    Task<DirectoryAudit?> GetAuditAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Puts an e-mail in the outbox, due at its <see cref="OutgoingEmail.NextAttempt"/>. Idempotent: an e-mail whose id
    /// is already there is left as it was.
    /// </summary>
    Task EnqueueEmailAsync(OutgoingEmail email, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> e-mails to try now: not sent, not given up, and due at or before
    /// <paramref name="dueBy"/>; oldest (<see cref="OutgoingEmail.Created"/>) first.
    /// </summary>
    Task<IReadOnlyList<OutgoingEmail>> ReadDueEmailsAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records a delivery attempt of the e-mail: one more <see cref="OutgoingEmail.Attempts"/>, <see cref="OutgoingEmail.Sent"/>
    /// set to <paramref name="sent"/>, <see cref="OutgoingEmail.LastError"/> to <paramref name="error"/> (null clears it),
    /// <see cref="OutgoingEmail.NextAttempt"/> to <paramref name="nextAttempt"/> when given (kept otherwise), and
    /// <see cref="OutgoingEmail.GaveUp"/> to <paramref name="gaveUp"/>. An unknown id changes nothing.
    /// </summary>
    Task RecordEmailAttemptAsync(string id, DateTimeOffset? sent, string? error, DateTimeOffset? nextAttempt, bool gaveUp, CancellationToken cancellationToken);

    /// <summary>The outbox's e-mails of one job, or of all when <paramref name="jobId"/> is null, newest (<see cref="OutgoingEmail.Created"/>) first.</summary>
    Task<IReadOnlyList<OutgoingEmail>> ListEmailsAsync(string? jobId, int limit, CancellationToken cancellationToken);
}
