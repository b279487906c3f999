using System.Collections.Concurrent;
using Provisio.Scim.Client;
using Provisio.Synchronization.Configuration;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Cycles;

/// <summary>
/// What every object of one cycle shares: the job and its plan, the target's client and export gate, the assignments,
/// the links made during the cycle (so references resolve to objects created minutes ago), and the objects known to
/// have failed (so an unresolvable reference to one of them is a reference failure, not an out-of-scope object).
/// </summary>
public sealed class CycleContext
{
    public required StoredJob Job { get; init; }

    public required string ServicePrincipalName { get; init; }

    public required string CycleId { get; init; }

    public required CycleKind Kind { get; init; }

    public required JobPlan Plan { get; init; }

    public required JobSecrets Secrets { get; init; }

    public required ScimClient Client { get; init; }

    public required ExportGate Gate { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    /// <summary>Null when the job syncs all users and groups.</summary>
    public AssignmentSnapshot? Assignments { get; init; }

    /// <summary>The application's app roles (for the duplicate-roles check when the cycle starts).</summary>
    public Source.AppRoleCatalog AppRoles { get; init; } = Source.AppRoleCatalog.Empty;

    /// <summary>Each user's roles, when a mapping reads <c>[appRoleAssignments]</c>; null otherwise.</summary>
    public AppRoleSnapshot? Roles { get; init; }

    /// <summary>Compute and log every action as "would …" without calling the target (DESIGN: dry run).</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// On-demand provisioning: the log entry also carries the attribute mapping table (each target attribute's mapping
    /// and value), as Entra's on-demand "Attribute Mapping" view shows it.
    /// </summary>
    public bool OnDemand { get; init; }

    /// <summary>Accidental-deletion protection; null when it is off (and in dry runs and on-demand provisioning).</summary>
    public Health.DeletionGuard? Deletions { get; init; }

    /// <summary>The escrows that existed when the cycle began, by source id and kind.</summary>
    public IReadOnlyDictionary<EscrowKey, EscrowEntry> Escrows { get; init; } = new Dictionary<EscrowKey, EscrowEntry>();

    /// <summary>Source id → target id of every object linked so far in this cycle (created or matched).</summary>
    public ConcurrentDictionary<Guid, string> Linked { get; } = new();

    /// <summary>Objects whose own export failed (this cycle, or escrowed before it).</summary>
    public ConcurrentDictionary<Guid, byte> Failed { get; } = new();

    public string JobId => Job.Id;

    private ScimFailure? _jobFailure;

    /// <summary>The first failure of the whole job in this cycle (credentials, reachability): objects not started yet are left for the resume.</summary>
    public ScimFailure? JobFailure => Volatile.Read(ref _jobFailure);

    public void FailJob(ScimFailure failure) => Interlocked.CompareExchange(ref _jobFailure, failure, null);

    /// <summary>This context for on-demand provisioning (same job, plan, client and escrows; the mapping table logged).</summary>
    public CycleContext ForOnDemand() => new CycleContext
    {
        Job = Job,
        ServicePrincipalName = ServicePrincipalName,
        CycleId = CycleId,
        Kind = Kind,
        Plan = Plan,
        Secrets = Secrets,
        Client = Client,
        Gate = Gate,
        TimeProvider = TimeProvider,
        Assignments = Assignments,
        AppRoles = AppRoles,
        Roles = Roles,
        DryRun = DryRun,
        Escrows = Escrows,
        OnDemand = true,
    }.WithFailed(Failed.Keys);

    private CycleContext WithFailed(IEnumerable<Guid> failed)
    {
        foreach (var id in failed)
        {
            Failed.TryAdd(id, 0);
        }

        return this;
    }

    public Guid ServicePrincipalId => Job.ServicePrincipalId;

    /// <summary>What every log entry of this cycle shares, built on first use.</summary>
    internal Pipeline.ProvisioningLogParts LogParts => _logParts ??= Pipeline.ProvisioningLogParts.For(this);

    private Pipeline.ProvisioningLogParts? _logParts;

    public string TargetName => Plan.TargetName;
}
