using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Scim.Client;
using Provisio.Synchronization.Configuration;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Source;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Cycles;

/// <summary>
/// Runs one cycle of a job (reference entra-engine-and-api §1.2, §1.3). Initial: every user, then every group, of the
/// directory, page by page. Incremental: the users, then the groups, the change feed shows between the watermark and
/// the feed's position when the cycle began, then the escrows that are due. Both end with the references that had to
/// wait and store the watermark. Each page's bookkeeping (connector entries, escrows, logs, checkpoint) is one store
/// write, so a crash resumes after the last page written; the objects of a page that was lost are matched again in
/// the target, never created twice.
/// </summary>
public sealed class CycleRunner
{
    public const int PageSize = 999;

    private const string UserPhase = "User";
    private const string GroupPhase = "Group";
    private const string AssignmentPhase = "Assignments";
    private const string EscrowPhase = "Escrows";
    private const string DeletionPhase = "Deletions";
    private const string ReferencePhase = "References";

    // Deletions after every object was seen: accidental-deletion protection counts them all before any goes out.
    private static readonly string[] InitialPhases = [UserPhase, GroupPhase, DeletionPhase, ReferencePhase];
    // Assignments before the group feed: a user who comes into scope by joining an assigned group is linked before
    // the group's members are exported.
    private static readonly string[] IncrementalPhases = [UserPhase, AssignmentPhase, GroupPhase, EscrowPhase, DeletionPhase, ReferencePhase];

    private readonly IDirectoryStore _directory;
    private readonly ISynchronizationStore _store;
    private readonly JobSecretsStore _secrets;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<ScimClientOptions, ScimClient> _clients;

    public CycleRunner(IDirectoryStore directory, ISynchronizationStore store, ISecretProtector protector, TimeProvider? timeProvider = null,
        ILogger<CycleRunner>? logger = null, Func<ScimClientOptions, ScimClient>? clients = null)
    {
        _directory = directory;
        _store = store;
        _secrets = new JobSecretsStore(store, protector);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _clients = clients ?? (options => new ScimClient(options));
    }

    public async Task<CycleResult> RunAsync(string jobId, bool dryRun, CancellationToken cancellationToken)
    {
        var began = _time.GetUtcNow();
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return NotRunnable(jobId, began, "NotFound", $"The job '{jobId}' does not exist.");
        }

        var secrets = await _secrets.GetAsync(job.ServicePrincipalId, cancellationToken).ConfigureAwait(false);
        if (!secrets.IsConfigured)
        {
            return NotRunnable(jobId, began, "SystemForCrossDomainIdentityManagementCredentialsMissing", secrets.MissingCredentials()!);
        }

        var (plan, planError) = JobPlan.Create(job.Schema);
        if (plan is null)
        {
            return NotRunnable(jobId, began, "SchemaInvalid", planError!);
        }

        var state = await _store.GetCycleStateAsync(jobId, cancellationToken).ConfigureAwait(false);
        var checkpoint = dryRun ? null : state.Checkpoint;
        if (checkpoint is null)
        {
            var kind = state.Watermark is null ? CycleKind.Initial : CycleKind.Incremental;
            checkpoint = new CycleCheckpoint
            {
                // A dry run's entries are told apart in the logs by their cycle id (cycleId startswith 'DryRun-').
                CycleId = (dryRun ? "DryRun-" : "") + Guid.NewGuid().ToString("D"),
                Kind = kind,
                Began = began,
                Phase = UserPhase,
                EndWatermark = await _directory.GetLatestSequenceAsync(cancellationToken).ConfigureAwait(false),
                Counters = new CycleCounters { TotalUnits = await TotalUnitsAsync(kind, plan, state.Watermark ?? 0, cancellationToken).ConfigureAwait(false) },
            };
        }

        using var gate = new ExportGate();
        using var client = Client(job, secrets, gate);
        var cycle = await ContextAsync(job, plan, secrets, client, gate, checkpoint.CycleId, checkpoint.Kind, dryRun, cancellationToken).ConfigureAwait(false);
        var run = new Run(this, cycle, checkpoint, state.Watermark ?? 0);
        _logger.CycleStarted(cycle.CycleId, cycle.Kind.ToString(), jobId, checkpoint.Phase);
        var stopwatch = Stopwatch.StartNew();
        if (!dryRun)
        {
            await WriteAsync(jobId, new SynchronizationWrite { State = state with { Checkpoint = checkpoint } }, cancellationToken).ConfigureAwait(false);
        }

        // The startup test call (reference §1.10, Q2: "failing initial startup test calls" quarantine a job): a cycle with
        // nothing to export still finds out that the credentials stopped working or the target went away.
        var failure = DuplicateRoles(cycle) ?? await StartupCheckAsync(client, plan, cancellationToken).ConfigureAwait(false)
            ?? await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        var counters = run.Checkpoint.Counters;
        var execution = new SynchronizationTaskExecution
        {
            ActivityIdentifier = cycle.CycleId,
            CountImported = counters.Imported,
            CountImportedDeltas = counters.ImportedDeltas,
            CountImportedReferenceDeltas = counters.ImportedReferenceDeltas,
            CountEntitled = counters.Entitled,
            CountEntitledForProvisioning = counters.Entitled,
            CountExports = counters.Exports,
            CountExported = counters.Exported,
            CountEscrowed = counters.Escrowed,
            CountEscrowedRaw = counters.Escrowed,
            TimeBegan = checkpoint.Began,
            TimeEnded = _time.GetUtcNow(),
            State = failure is not null ? SynchronizationTaskExecutionResult.Failed
                : counters.Escrowed > 0 ? SynchronizationTaskExecutionResult.EntryLevelErrors
                : SynchronizationTaskExecutionResult.Succeeded,
            Error = failure is null ? null : new SynchronizationError { Code = failure.Code, Message = failure.Message, TenantActionable = true },
        };

        if (failure is not null)
        {
            _logger.CycleFailed(cycle.CycleId, jobId, failure.Code);
        }
        else if (!dryRun)
        {
            await WriteAsync(jobId, new SynchronizationWrite { State = new CycleState { Watermark = run.Checkpoint.EndWatermark } }, cancellationToken).ConfigureAwait(false);
            _logger.CycleFinished(cycle.CycleId, jobId, stopwatch.ElapsedMilliseconds, counters.Imported, counters.Exported, counters.Escrowed);
        }

        if (!dryRun)
        {
            var counts = await _store.CountEntriesAsync(jobId, cancellationToken).ConfigureAwait(false);
            await JobStatusWriter.StatusAsync(_store, jobId, status => Finish(status, execution, counts, counters), cancellationToken).ConfigureAwait(false);
        }

        return new CycleResult(execution, failure is null ? CycleOutcome.Completed : CycleOutcome.Failed)
        {
            JobFailure = failure,
            HeldDeletions = run.HeldDeletions,
            EscrowsRetried = run.EscrowsRetried,
            EscrowsExpired = run.EscrowsExpired,
            DeletionThreshold = cycle.Deletions?.Threshold,
        };
    }

    /// <summary>
    /// On-demand provisioning (reference entra-engine-and-api §1.14): the given users, then the given group, through the
    /// same pipeline as a cycle, now; their entries, escrows and logs are stored, the cycle state is left alone.
    /// </summary>
    public async Task<OnDemandResult> ProvisionOnDemandAsync(string jobId, IReadOnlyList<Guid> users, Guid? group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return new OnDemandResult([], new SynchronizationError { Code = "NotFound", Message = $"The job '{jobId}' does not exist." });
        }

        var secrets = await _secrets.GetAsync(job.ServicePrincipalId, cancellationToken).ConfigureAwait(false);
        var (plan, planError) = JobPlan.Create(job.Schema);
        if (!secrets.IsConfigured || plan is null)
        {
            return new OnDemandResult([], new SynchronizationError
            {
                Code = plan is null ? "SchemaInvalid" : "SystemForCrossDomainIdentityManagementCredentialsMissing",
                Message = planError ?? secrets.MissingCredentials()!,
                TenantActionable = true,
            });
        }

        using var gate = new ExportGate();
        using var client = Client(job, secrets, gate);
        var cycle = await ContextAsync(job, plan, secrets, client, gate, "OnDemand-" + Guid.NewGuid().ToString("D"), CycleKind.Incremental, dryRun: false, cancellationToken).ConfigureAwait(false);
        cycle = cycle.ForOnDemand();
        if (DuplicateRoles(cycle) is { } duplicates)
        {
            // Seed 002 "Duplicate roles": nothing is exported while the application's roles are not unique.
            return new OnDemandResult([], new SynchronizationError
            {
                Code = duplicates.Code,
                Message = $"{duplicates.Message} {duplicates.RecommendedAction}",
                TenantActionable = true,
            });
        }

        var run = new Run(this, cycle, new CycleCheckpoint { CycleId = cycle.CycleId, Kind = cycle.Kind, Began = _time.GetUtcNow(), Phase = "OnDemand" }, 0) { OnDemand = true };
        var contexts = new List<ProvisioningContext>();
        if (plan.Users is { } userPlan && users.Count > 0)
        {
            contexts.AddRange(await run.ProvisionAsync(userPlan, users, cancellationToken).ConfigureAwait(false));
        }

        if (plan.Groups is { } groupPlan && group is { } groupId)
        {
            contexts.AddRange(await run.ProvisionAsync(groupPlan, [groupId], cancellationToken).ConfigureAwait(false));
        }

        return new OnDemandResult([.. contexts.Select(ProvisioningLogBuilder.Build).OfType<ProvisioningObjectSummary>()], null);
    }

    /// <summary>Seed 002's "Duplicate roles" check, before anything is exported (<see cref="Health.DuplicateAppRoles"/>).</summary>
    private static ScimFailure? DuplicateRoles(CycleContext cycle) =>
        Health.DuplicateAppRoles.Check(cycle.AppRoles, cycle.Plan.Users?.SendsRoleDisplayNames == true || cycle.Plan.Groups?.SendsRoleDisplayNames == true);

    /// <summary>
    /// A new OAuth access token (reference §1.16: "at cycle start the service checks token validity and refreshes if
    /// needed"; a refused refresh token means authorizing again), then Test Connection's request (a query for a user that
    /// cannot exist); only a failure of the whole job stops the cycle.
    /// </summary>
    private static async Task<ScimFailure?> StartupCheckAsync(ScimClient client, JobPlan plan, CancellationToken cancellationToken)
    {
        if (await client.RefreshAccessTokenAsync(cancellationToken).ConfigureAwait(false) is { AffectsWholeJob: true } refused)
        {
            return refused;
        }

        var matching = plan.Users?.Compiled.MatchingAttributes.FirstOrDefault()?.TargetAttributeName ?? "userName";
        var probe = await client.TestConnectionAsync(matching, cancellationToken).ConfigureAwait(false);
        return probe.Failure is { AffectsWholeJob: true } failure ? failure : null;
    }

    private ScimClient Client(StoredJob job, JobSecrets secrets, ExportGate gate)
    {
        var client = _clients(new ScimClientOptions
        {
            TenantUrl = secrets.BaseAddress!,
            Credentials = secrets.Credentials()!,
            // A rotated refresh token replaces the saved one at once: the old one may already be dead.
            TokensRefreshed = (grant, cancellationToken) => _secrets.SaveRefreshedAsync(job.ServicePrincipalId, grant, cancellationToken),
        });
        client.Observer = exchange =>
        {
            if (exchange.Status is 429 or >= 500 || exchange.Status is null)
            {
                gate.Backoff();
            }
            else
            {
                gate.Succeeded();
            }
        };
        return client;
    }

    private async Task<CycleContext> ContextAsync(StoredJob job, JobPlan plan, JobSecrets secrets, ScimClient client, ExportGate gate, string cycleId, CycleKind kind,
        bool dryRun, CancellationToken cancellationToken)
    {
        var servicePrincipal = await _directory.GetAsync(job.ServicePrincipalId, cancellationToken).ConfigureAwait(false);
        var escrows = new Dictionary<EscrowKey, EscrowEntry>();
        await foreach (var escrow in _store.ReadEscrowsAsync(job.Id, cancellationToken).ConfigureAwait(false))
        {
            escrows[new EscrowKey(escrow.SourceId, escrow.Kind)] = escrow;
        }

        var assignments = secrets.SyncAll ? null : await AssignmentSnapshot.ReadAsync(_directory, job.ServicePrincipalId, cancellationToken).ConfigureAwait(false);
        var appRoles = Source.AppRoleCatalog.From(servicePrincipal);
        var cycle = new CycleContext
        {
            Job = job,
            ServicePrincipalName = servicePrincipal?["displayName"] ?? job.ServicePrincipalId.ToString("D"),
            CycleId = cycleId,
            Kind = kind,
            Plan = plan,
            Secrets = secrets,
            Client = client,
            Gate = gate,
            TimeProvider = _time,
            DryRun = dryRun,
            Escrows = escrows,
            Assignments = assignments,
            AppRoles = appRoles,
            // reference entra-expressions-and-scim A.3: the role functions read the user's assignments; with "Sync all" too
            // (which Entra calls incompatible: the diagnosis warns), the roles come from the assignments there are.
            Roles = plan.Users?.ReadsAppRoles == true || plan.Groups?.ReadsAppRoles == true
                ? new AppRoleSnapshot(appRoles, assignments ?? await AssignmentSnapshot.ReadAsync(_directory, job.ServicePrincipalId, cancellationToken).ConfigureAwait(false))
                : null,
            Deletions = dryRun || Health.DeletionProtection.Threshold(job, secrets) is not { } threshold ? null
                : new Health.DeletionGuard(threshold, escrows.Keys.Where(key => key.Kind == EscrowKind.ApprovedDeletion).Select(key => key.SourceId).ToHashSet()),
        };
        foreach (var key in escrows.Keys.Where(key => key.Kind == EscrowKind.Object))
        {
            cycle.Failed.TryAdd(key.SourceId, 0);
        }

        return cycle;
    }

    private static SynchronizationStatus Finish(SynchronizationStatus status, SynchronizationTaskExecution execution, IReadOnlyDictionary<string, long> counts, CycleCounters counters)
    {
        var failed = execution.State == SynchronizationTaskExecutionResult.Failed;
        var clean = execution.State == SynchronizationTaskExecutionResult.Succeeded;
        var steady = clean && counters.Exported == 0;
        return status with
        {
            // A job started but never run becomes Active after its first cycle; one never started (a cycle run by hand) keeps its code.
            Code = status.Code == SynchronizationStatusCode.NotRun && !failed ? SynchronizationStatusCode.Active : status.Code,
            LastExecution = execution,
            LastSuccessfulExecution = clean ? execution : status.LastSuccessfulExecution,
            LastSuccessfulExecutionWithExports = clean && counters.Exported > 0 ? execution : status.LastSuccessfulExecutionWithExports,
            CountSuccessiveCompleteFailures = failed ? status.CountSuccessiveCompleteFailures + 1 : 0,
            SteadyStateFirstAchievedTime = steady && status.SteadyStateFirstAchievedTime == DateTimeOffset.MinValue ? execution.TimeEnded : status.SteadyStateFirstAchievedTime,
            SteadyStateLastAchievedTime = steady ? execution.TimeEnded : status.SteadyStateLastAchievedTime,
            SynchronizedEntryCountByType = [.. counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new StringKeyLongValuePair(pair.Key, pair.Value))],
            Progress = [],
        };
    }

    private CycleResult NotRunnable(string jobId, DateTimeOffset began, string code, string message)
    {
        _logger.JobNotRunnable(jobId, code);
        return new CycleResult(new SynchronizationTaskExecution
        {
            TimeBegan = began,
            TimeEnded = _time.GetUtcNow(),
            State = SynchronizationTaskExecutionResult.Failed,
            Error = new SynchronizationError { Code = code, Message = message, TenantActionable = true },
        }, CycleOutcome.NotRunnable);
    }

    private async Task<long> TotalUnitsAsync(CycleKind kind, JobPlan plan, long watermark, CancellationToken cancellationToken)
    {
        if (kind == CycleKind.Incremental)
        {
            return Math.Max(0, await _directory.GetLatestSequenceAsync(cancellationToken).ConfigureAwait(false) - watermark);
        }

        long total = 0;
        foreach (var objectPlan in new[] { plan.Users, plan.Groups })
        {
            if (objectPlan is not null)
            {
                total += await _directory.CountAsync(new DirectoryQuery { Kind = objectPlan.Kind }, cancellationToken).ConfigureAwait(false);
            }
        }

        return total;
    }

    private Task WriteAsync(string jobId, SynchronizationWrite write, CancellationToken cancellationToken) =>
        _store.WriteAsync(jobId, write, cancellationToken);

    /// <summary>One cycle's execution, phase by phase, page by page.</summary>
    private sealed class Run(CycleRunner runner, CycleContext cycle, CycleCheckpoint checkpoint, long watermark)
    {
        private readonly HashSet<Guid> _processed = [];
        private long _lastProgress = Stopwatch.GetTimestamp();

        public CycleCheckpoint Checkpoint { get; private set; } = checkpoint;

        /// <summary>On-demand: objects are stored and logged, the cycle state is not touched.</summary>
        public bool OnDemand { get; init; }

        public async Task<IReadOnlyList<ProvisioningContext>> ProvisionAsync(ObjectPlan plan, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        {
            var items = new List<(Guid, DirectoryObject?)>(ids.Count);
            foreach (var id in ids)
            {
                items.Add((id, await runner._directory.GetAsync(id, cancellationToken).ConfigureAwait(false)));
            }

            _lastContexts = [];
            await PageAsync(plan, items, null, mayDefer: false, deltas: 0, cancellationToken).ConfigureAwait(false);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            return _lastContexts;
        }

        private IReadOnlyList<ProvisioningContext> _lastContexts = [];

        private bool Persist => !cycle.DryRun;

        public async Task<ScimFailure?> ExecuteAsync(CancellationToken cancellationToken)
        {
            var phases = cycle.Kind == CycleKind.Initial ? InitialPhases : IncrementalPhases;
            var index = Math.Max(0, Array.IndexOf(phases, Checkpoint.Phase));
            for (; index < phases.Length; index++)
            {
                if (phases[index] != Checkpoint.Phase)
                {
                    Checkpoint = Checkpoint with { Phase = phases[index], Cursor = null };
                }

                var failure = phases[index] switch
                {
                    UserPhase or GroupPhase when cycle.Kind == CycleKind.Initial => await ScanAsync(cycle.Plan.For(phases[index]), cancellationToken).ConfigureAwait(false),
                    UserPhase or GroupPhase => await FeedAsync(cycle.Plan.For(phases[index]), cancellationToken).ConfigureAwait(false),
                    AssignmentPhase => await AssignmentsAsync(cancellationToken).ConfigureAwait(false),
                    EscrowPhase => await EscrowsAsync(EscrowKind.Object, cancellationToken).ConfigureAwait(false),
                    DeletionPhase => await DeletionsAsync(cancellationToken).ConfigureAwait(false),
                    _ => await EscrowsAsync(EscrowKind.Reference, cancellationToken).ConfigureAwait(false),
                };
                failure = await FlushAsync(cancellationToken).ConfigureAwait(false) ?? failure;
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        /// <summary>Initial cycle: every object of the plan's kind, by id.</summary>
        private async Task<ScimFailure?> ScanAsync(ObjectPlan? plan, CancellationToken cancellationToken)
        {
            if (plan is null)
            {
                return null;
            }

            var after = Checkpoint.Cursor is { } cursor ? new DirectoryCursor(null, Guid.Parse(cursor)) : null;
            var mayDefer = plan.Kind == DirectoryObjectKind.User;
            if (mayDefer && plan.ManagerAttribute is not null && after is not null)
            {
                await ReadAheadAsync(after.Id, cancellationToken).ConfigureAwait(false);
            }

            Task<ReadPage>? next = ReadAndPrepareAsync(plan, after, mayDefer, cancellationToken);
            try
            {
                while (next is not null)
                {
                    var page = await next.ConfigureAwait(false);
                    next = null;
                    if (page.Last is not { } last)
                    {
                        return null;
                    }

                    // The next page is read, and its facts (references, entries, links) with it, while this one is
                    // exported: an initial scan meets each object once, so no page reads what another is changing, and
                    // links this page makes before the next page's read sees them stay in memory (FlushAsync).
                    next = page.Next is null ? null : ReadAndPrepareAsync(plan, page.Next, mayDefer, cancellationToken);
                    var failure = await RunPageAsync(page.Prepared, last.ToString("D"), deltas: 0, cancellationToken).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        return failure;
                    }
                }

                return null;
            }
            finally
            {
                await SettledAsync(next).ConfigureAwait(false);
            }
        }

        /// <summary>A page read ahead that will not be used (the loop stopped): waited for, its outcome ignored.</summary>
        private static Task SettledAsync(Task? pending) => pending is null
            ? Task.CompletedTask
            : pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        /// <summary>
        /// A page of the scan, prepared: where the next one starts and this one's last id (null when it is empty), not the
        /// directory's objects themselves, which only the contexts hold, so each goes when its journey ends.
        /// </summary>
        private sealed record ReadPage(DirectoryCursor? Next, Guid? Last, PreparedPage Prepared);

        private async Task<ReadPage> ReadAndPrepareAsync(ObjectPlan plan, DirectoryCursor? after, bool mayDefer, CancellationToken cancellationToken)
        {
            var page = await Read(plan, after, cancellationToken).ConfigureAwait(false);
            // Pages are prepared one after another (the next once this one is), so the users provisioned ahead are known here.
            var items = new List<(Guid Id, DirectoryObject? Object)>(page.Items.Count);
            foreach (var item in page.Items)
            {
                if (!_ahead.Remove(item.Id))
                {
                    items.Add((item.Id, item));
                }
            }

            var last = page.Items.Count > 0 ? page.Items[^1].Id : (Guid?)null;
            var prepared = await PrepareAsync(plan, items, mayDefer, referencesOnly: false, cancellationToken, mayDefer && plan.ManagerAttribute is not null ? last : null)
                .ConfigureAwait(false);
            return new ReadPage(page.Next, last, prepared);
        }

        /// <summary>
        /// Managers provisioned with a page of their reports although the scan reaches them later (ids are random, so
        /// about half the reports come before their manager): each report's manager is then in the target within the
        /// report's own journey, instead of the report waiting for the references phase (a second journey, log entry and
        /// escrow). The scan leaves them out when it gets to them.
        /// </summary>
        private readonly HashSet<Guid> _ahead = [];

        /// <summary>
        /// A resumed scan: the users provisioned ahead of the checkpoint before the stop are the ones this cycle logged
        /// after the cursor (written in the checkpoint's transaction, so exactly the committed ones).
        /// </summary>
        private async Task ReadAheadAsync(Guid cursor, CancellationToken cancellationToken)
        {
            await foreach (var logged in runner._store.ReadLoggedSourceIdsAsync(cycle.JobId, cycle.CycleId, cancellationToken).ConfigureAwait(false))
            {
                if (Guid.TryParse(logged, out var id) && id.CompareTo(cursor) > 0)
                {
                    _ahead.Add(id);
                }
            }
        }

        /// <summary>
        /// The managers of a page's users that the scan reaches after <paramref name="last"/> (and theirs), added to the
        /// page, up to four pages more (a scan's first pages meet most managers). A Guid's order is the directory's id
        /// order (<see cref="Storage.ColumnEncoding.Key"/>).
        /// </summary>
        private async Task PullManagersAsync(List<(Guid Id, DirectoryObject? Object)> items, Dictionary<Guid, Guid> managers, Guid last, CancellationToken cancellationToken)
        {
            var present = items.Select(item => item.Id).ToHashSet();
            var wanted = managers.Values.Where(id => id.CompareTo(last) > 0 && !present.Contains(id) && !_ahead.Contains(id)).ToHashSet();
            var room = 4 * PageSize;
            while (wanted.Count > 0 && room > 0)
            {
                // Read as the scan reads: live users only, one query per page of ids.
                var pulled = new List<(Guid Id, DirectoryObject? Object)>();
                foreach (var chunk in wanted.Take(room).Chunk(PageSize))
                {
                    var found = await runner._directory.QueryAsync(new DirectoryQuery
                    {
                        Kind = DirectoryObjectKind.User,
                        Filter = new InFilter("id", [.. chunk.Select(id => (object?)id.ToString("D"))]),
                        Top = PageSize,
                    }, cancellationToken).ConfigureAwait(false);
                    foreach (var manager in found.Items)
                    {
                        pulled.Add((manager.Id, manager));
                        present.Add(manager.Id);
                        _ahead.Add(manager.Id);
                    }
                }

                // First in the page (a manager's manager before it): the journeys start in the page's order, so most
                // managers are in the target before their reports reach reference resolution.
                items.InsertRange(0, pulled);
                room -= wanted.Count;
                wanted.Clear();
                await foreach (var reference in runner._directory.GetReferencesAsync([.. pulled.Select(item => item.Id)], DirectoryRelation.Manager, cancellationToken).ConfigureAwait(false))
                {
                    managers[reference.SourceId] = reference.TargetId;
                    if (reference.TargetId.CompareTo(last) > 0 && !present.Contains(reference.TargetId) && !_ahead.Contains(reference.TargetId))
                    {
                        wanted.Add(reference.TargetId);
                    }
                }
            }
        }

        private Task<DirectoryPage> Read(ObjectPlan plan, DirectoryCursor? after, CancellationToken cancellationToken) =>
            runner._directory.QueryAsync(new DirectoryQuery { Kind = plan.Kind, After = after, Top = PageSize }, cancellationToken);

        /// <summary>Incremental cycle: the changes of the plan's kind between the watermark and the cycle's end watermark.</summary>
        private async Task<ScimFailure?> FeedAsync(ObjectPlan? plan, CancellationToken cancellationToken)
        {
            if (plan is null)
            {
                return null;
            }

            var after = Checkpoint.Cursor is { } cursor ? long.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture) : watermark;
            while (after < Checkpoint.EndWatermark)
            {
                var changes = new List<DirectoryChange>(PageSize);
                await foreach (var change in runner._directory.ReadChangesAsync(after, PageSize, cancellationToken).ConfigureAwait(false))
                {
                    if (change.Sequence > Checkpoint.EndWatermark)
                    {
                        break;
                    }

                    changes.Add(change);
                }

                if (changes.Count == 0)
                {
                    return null;
                }

                after = changes[^1].Sequence;
                var items = changes.Where(change => change.Kind == plan.Kind).Select(change => (change.Id, change.Object)).ToList();
                foreach (var (id, _) in items)
                {
                    _processed.Add(id);
                }

                var failure = await PageAsync(plan, items, after.ToString(System.Globalization.CultureInfo.InvariantCulture), mayDefer: plan.Kind == DirectoryObjectKind.User,
                    deltas: items.Count, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        /// <summary>
        /// Assigned-only jobs: when the application's assignments or an assigned group's members changed, the objects
        /// whose assignment changed are processed although they themselves did not change — linked ones no longer
        /// entitled (disabled), entitled ones not yet linked (provisioned).
        /// </summary>
        private async Task<ScimFailure?> AssignmentsAsync(CancellationToken cancellationToken)
        {
            if (cycle.Assignments is not { } assignments || !await AssignmentsChangedAsync(assignments, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var entitled = assignments.Entitled.ToHashSet();
            foreach (var plan in new[] { cycle.Plan.Users, cycle.Plan.Groups })
            {
                if (plan is null)
                {
                    continue;
                }

                var linked = new HashSet<Guid>();
                var leaving = new List<Guid>();
                Guid? after = null;
                while (true)
                {
                    var count = 0;
                    await foreach (var entry in runner._store.ReadEntriesAsync(cycle.JobId, plan.ObjectType, after, PageSize, cancellationToken).ConfigureAwait(false))
                    {
                        count++;
                        after = entry.SourceId;
                        linked.Add(entry.SourceId);
                        if (entry.State == ConnectorEntryState.Active && !entitled.Contains(entry.SourceId) && !_processed.Contains(entry.SourceId))
                        {
                            leaving.Add(entry.SourceId);
                        }
                    }

                    if (count < PageSize)
                    {
                        break;
                    }
                }

                var arriving = entitled.Where(id => !linked.Contains(id) && !_processed.Contains(id));
                // A role assigned or removed changes what a role mapping sends: the linked, still entitled objects are
                // evaluated again (only what differs is exported).
                var roleChanges = plan.ReadsAppRoles ? linked.Where(id => entitled.Contains(id) && !_processed.Contains(id)) : [];
                var failure = await ObjectsAsync(plan, [.. leaving, .. arriving, .. roleChanges], mayDefer: plan.Kind == DirectoryObjectKind.User, cancellationToken).ConfigureAwait(false);
                failure ??= await FlushAsync(cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        private async Task<bool> AssignmentsChangedAsync(AssignmentSnapshot assignments, CancellationToken cancellationToken)
        {
            var after = watermark;
            while (after < Checkpoint.EndWatermark)
            {
                var read = 0;
                await foreach (var change in runner._directory.ReadChangesAsync(after, PageSize, cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    after = change.Sequence;
                    if (change.Sequence <= Checkpoint.EndWatermark
                        && (change.Id == cycle.ServicePrincipalId || (change.Kind == DirectoryObjectKind.Group && assignments.Direct.Contains(change.Id))))
                    {
                        return true;
                    }
                }

                if (read == 0)
                {
                    break;
                }
            }

            return false;
        }

        /// <summary>Due escrows of one kind (object escrows: not already processed in this cycle), their objects processed again.</summary>
        private async Task<ScimFailure?> EscrowsAsync(EscrowKind kind, CancellationToken cancellationToken)
        {
            var now = runner._time.GetUtcNow();
            var due = new List<EscrowEntry>();
            var expired = new SynchronizationWrite();
            await foreach (var escrow in runner._store.ReadEscrowsAsync(cycle.JobId, cancellationToken).ConfigureAwait(false))
            {
                if (kind == EscrowKind.Object && escrow.Kind is EscrowKind.Object or EscrowKind.Reference && now - escrow.FirstFailure >= EscrowSchedule.RetentionPeriod)
                {
                    // reference §1.10: "retries continue for 28 days after the first failure, then the escrow entry is removed".
                    expired.ResolvedEscrows.Add(new EscrowKey(escrow.SourceId, escrow.Kind));
                    continue;
                }

                // A reference that failed earlier in this cycle is not tried twice; one left pending is resolved now.
                var retry = kind == EscrowKind.Reference
                    ? escrow.ErrorCode == ProvisioningErrorCodes.ReferencePending || escrow.LastFailure < Checkpoint.Began
                    : !_processed.Contains(escrow.SourceId);
                if (escrow.Kind == kind && escrow.NextRetry <= now && retry)
                {
                    due.Add(escrow);
                }
            }

            if (expired.ResolvedEscrows.Count > 0 && Persist)
            {
                await runner._store.WriteAsync(cycle.JobId, expired, cancellationToken).ConfigureAwait(false);
                EscrowsExpired += expired.ResolvedEscrows.Count;
                runner._logger.EscrowsExpired(cycle.JobId, expired.ResolvedEscrows.Count);
            }

            if (kind == EscrowKind.Object)
            {
                EscrowsRetried += due.Count;
            }

            foreach (var plan in new[] { cycle.Plan.Users, cycle.Plan.Groups })
            {
                if (plan is null)
                {
                    continue;
                }

                var ids = due.Where(escrow => escrow.ObjectType == plan.ObjectType).Select(escrow => escrow.SourceId).ToList();
                var failure = kind == EscrowKind.Reference
                    ? await ReferencesAsync(plan, ids, cancellationToken).ConfigureAwait(false)
                    : await ObjectsAsync(plan, ids, mayDefer: false, cancellationToken).ConfigureAwait(false);
                failure ??= await FlushAsync(cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        /// <summary>Object escrows retried in this cycle (the audit's "Process escrow").</summary>
        public int EscrowsRetried { get; private set; }

        /// <summary>Escrows removed because their first failure is 28 days old.</summary>
        public int EscrowsExpired { get; private set; }

        /// <summary>How many held deletions this cycle left pending because they exceed the threshold (0: none held).</summary>
        public long HeldDeletions { get; private set; }

        /// <summary>
        /// Accidental-deletion protection (reference §3): the deletes and disables held during the cycle, with those held by
        /// earlier cycles, are counted; approved ones always go out; the others go out only when there are no more than the
        /// threshold, and otherwise stay pending with a <c>stagedDelete</c> log entry each, and the job is quarantined
        /// (<c>TooManyDeletes</c>). Going out means the objects are processed again, so one back in scope is updated instead.
        /// </summary>
        private async Task<ScimFailure?> DeletionsAsync(CancellationToken cancellationToken)
        {
            if (cycle.Deletions is not { } guard)
            {
                return null;
            }

            var held = new List<EscrowEntry>();
            await foreach (var escrow in runner._store.ReadEscrowsAsync(cycle.JobId, cancellationToken).ConfigureAwait(false))
            {
                if (escrow.Kind is EscrowKind.PendingDeletion or EscrowKind.ApprovedDeletion && !_released.Contains(escrow.SourceId))
                {
                    held.Add(escrow);
                }
            }

            var pending = held.Count(escrow => escrow.Kind == EscrowKind.PendingDeletion);
            var release = pending <= guard.Threshold ? held : [.. held.Where(escrow => escrow.Kind == EscrowKind.ApprovedDeletion)];
            if (pending > guard.Threshold)
            {
                HeldDeletions = pending;
                var reason = guard.HeldReason(pending);
                var logs = _staged.Select(context =>
                {
                    context.Hold(reason);
                    return ProvisioningLogBuilder.Build(context);
                }).OfType<ProvisioningObjectSummary>().ToList();
                if (logs.Count > 0 && Persist)
                {
                    var write = new SynchronizationWrite();
                    write.Logs.AddRange(logs);
                    await runner._store.WriteAsync(cycle.JobId, write, cancellationToken).ConfigureAwait(false);
                }

                runner._logger.DeletionsHeld(cycle.JobId, pending, guard.Threshold);
            }

            _staged.Clear();
            guard.Releasing = true;
            try
            {
                foreach (var plan in new[] { cycle.Plan.Users, cycle.Plan.Groups })
                {
                    if (plan is null)
                    {
                        continue;
                    }

                    var ids = release.Where(escrow => escrow.ObjectType == plan.ObjectType).Select(escrow => escrow.SourceId).ToList();
                    _released.UnionWith(ids);
                    var failure = await ObjectsAsync(plan, ids, mayDefer: false, cancellationToken).ConfigureAwait(false);
                    failure ??= await FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        return failure;
                    }
                }
            }
            finally
            {
                guard.Releasing = false;
            }

            return null;
        }

        private const int MaximumStagedLogs = 10_000;

        private readonly HashSet<Guid> _released = [];
        private readonly List<ProvisioningContext> _staged = [];

        /// <summary>
        /// Linked objects whose references wait (pending ones, reference failures): only their references are resolved
        /// again, from the connector entries and the directory's references, without running the whole pipeline; an
        /// object no longer linked has nothing to reference.
        /// </summary>
        private async Task<ScimFailure?> ReferencesAsync(ObjectPlan plan, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        {
            // As in the initial scan, the next chunk is prepared while one is exported: each id comes once.
            var chunks = ids.Chunk(PageSize).ToList();
            Task<PreparedPage>? next = chunks.Count == 0 ? null : PrepareReferencesAsync(plan, chunks[0], cancellationToken);
            try
            {
                for (var index = 0; next is not null; index++)
                {
                    var prepared = await next.ConfigureAwait(false);
                    next = index + 1 < chunks.Count ? PrepareReferencesAsync(plan, chunks[index + 1], cancellationToken) : null;
                    var failure = await RunPageAsync(prepared, Checkpoint.Cursor, deltas: 0, cancellationToken).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        return failure;
                    }
                }

                return null;
            }
            finally
            {
                await SettledAsync(next).ConfigureAwait(false);
            }
        }

        private Task<PreparedPage> PrepareReferencesAsync(ObjectPlan plan, Guid[] chunk, CancellationToken cancellationToken) =>
            PrepareAsync(plan, [.. chunk.Select(id => (id, (DirectoryObject?)null))], mayDefer: false, referencesOnly: true, cancellationToken);

        /// <summary>Objects given by id, read from the directory in pages (a purged one is processed as a delete).</summary>
        private async Task<ScimFailure?> ObjectsAsync(ObjectPlan plan, IReadOnlyList<Guid> ids, bool mayDefer, CancellationToken cancellationToken)
        {
            foreach (var chunk in ids.Chunk(PageSize))
            {
                var items = new List<(Guid, DirectoryObject?)>(chunk.Length);
                foreach (var id in chunk)
                {
                    _processed.Add(id);
                    items.Add((id, await runner._directory.GetAsync(id, cancellationToken).ConfigureAwait(false)));
                }

                var failure = await PageAsync(plan, items, Checkpoint.Cursor, mayDefer, deltas: 0, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        /// <summary>One page: facts read set-based, objects through the pipeline concurrently, references after, one store write.</summary>
        private async Task<ScimFailure?> PageAsync(ObjectPlan plan, IReadOnlyList<(Guid Id, DirectoryObject? Object)> items, string? cursor, bool mayDefer,
            int deltas, CancellationToken cancellationToken, bool referencesOnly = false)
        {
            var prepared = await PrepareAsync(plan, items, mayDefer, referencesOnly, cancellationToken).ConfigureAwait(false);
            return await RunPageAsync(prepared, cursor, deltas, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A page's contexts, with the facts their journeys need read set-based (the first half of <see cref="PageAsync"/>).</summary>
        private sealed record PreparedPage(ProvisioningContext[] Contexts, bool ReferencesOnly);

        private async Task<PreparedPage> PrepareAsync(ObjectPlan plan, IReadOnlyList<(Guid Id, DirectoryObject? Object)> items, bool mayDefer, bool referencesOnly,
            CancellationToken cancellationToken, Guid? pullManagersAfter = null)
        {
            // An object of another kind (an assigned group in the users' pass, a user in the groups') is not this plan's.
            var page = items.Where(item => item.Object is null || item.Object.Kind == plan.Kind).ToList();
            var directory = runner._directory;
            var managers = new Dictionary<Guid, Guid>();
            var members = new Dictionary<Guid, List<Guid>>();
            if (plan.ManagerAttribute is not null)
            {
                await foreach (var reference in directory.GetReferencesAsync([.. page.Select(item => item.Id)], DirectoryRelation.Manager, cancellationToken).ConfigureAwait(false))
                {
                    managers[reference.SourceId] = reference.TargetId;
                }

                if (pullManagersAfter is { } last)
                {
                    await PullManagersAsync(page, managers, last, cancellationToken).ConfigureAwait(false);
                }
            }

            var ids = page.Select(item => item.Id).ToArray();

            if (plan.MembersAttribute is not null)
            {
                await foreach (var reference in directory.GetReferencesAsync(ids, DirectoryRelation.Member, cancellationToken).ConfigureAwait(false))
                {
                    if (!members.TryGetValue(reference.SourceId, out var list))
                    {
                        members[reference.SourceId] = list = [];
                    }

                    list.Add(reference.TargetId);
                }
            }

            // The page's own entries whole; of the objects they reference (a group page's members are most of the
            // users), only the links: reference resolution needs their target ids, not the values they last received.
            var known = await runner._store.GetEntriesAsync(cycle.JobId, ids, cancellationToken).ConfigureAwait(false);
            var referenced = new HashSet<Guid>(managers.Values);
            foreach (var list in members.Values)
            {
                referenced.UnionWith(list);
            }

            referenced.ExceptWith(known.Keys);
            var links = new Dictionary<Guid, ConnectorLink>(await runner._store.GetLinksAsync(cycle.JobId, referenced, cancellationToken).ConfigureAwait(false));
            foreach (var (id, entry) in known)
            {
                links[id] = ConnectorLink.Of(entry);
            }

            var contexts = page.Select(item => new ProvisioningContext(cycle, plan, item.Id, item.Object,
                known.TryGetValue(item.Id, out var linked) && linked.ObjectType == plan.ObjectType ? linked : null, referencesOnly)
            {
                Facts = new EntraSourceFacts
                {
                    ManagerId = managers.TryGetValue(item.Id, out var manager) ? manager : null,
                    MemberIds = members.TryGetValue(item.Id, out var list) ? list : (plan.MembersAttribute is null ? null : []),
                    AppRoleAssignments = plan.ReadsAppRoles ? cycle.Roles?.For(item.Id) ?? [] : null,
                },
                Known = links,
                MayDeferReferences = mayDefer,
            }).ToArray();

            var pageIds = ids.ToHashSet();
            foreach (var context in contexts)
            {
                context.PageIds = pageIds;
            }

            return new PreparedPage(contexts, referencesOnly);
        }

        /// <summary>The second half of <see cref="PageAsync"/>: the journeys, the page's waiting references, its write started.</summary>
        private async Task<ScimFailure?> RunPageAsync(PreparedPage prepared, string? cursor, int deltas, CancellationToken cancellationToken)
        {
            var (contexts, referencesOnly) = (prepared.Contexts, prepared.ReferencesOnly);
            var quietWhenUnchanged = referencesOnly;
            if (OnDemand)
            {
                _lastContexts = contexts;
            }

            // Objects and their references in one pass; a reference to an object of the same page waits for the page.
            await ForEachAsync(contexts, referencesOnly ? ProvisioningPipeline.References : ProvisioningPipeline.Object, cancellationToken).ConfigureAwait(false);
            if (cycle.JobFailure is { } stopped)
            {
                // The whole job failed (credentials, reachability): this page is written now and the cycle stops here.
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                await CommitAsync(contexts, cursor, deltas, quietWhenUnchanged, cancellationToken).ConfigureAwait(false);
                return stopped;
            }

            var waiting = contexts.Where(context => context.RetryReferences).ToArray();
            foreach (var context in waiting)
            {
                context.RetryReferences = false;
                context.PageSettled = true;
                context.Resume();
            }

            await ForEachAsync(waiting, ProvisioningPipeline.References, cancellationToken).ConfigureAwait(false);

            // The previous page's write finishes before this one starts (writes stay in order); its links stay in
            // memory until then, since the entries read for this page may not hold them yet.
            if (await FlushAsync(cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return failure;
            }

            _committingLinks = [.. contexts.Select(context => context.SourceId)];
            // On the thread pool: the write (log entries built and serialized, SQLite's rows) runs synchronously to its
            // end, and would otherwise hold this page's loop until it is done instead of overlapping the next page.
            _commit = Task.Run(() => CommitAsync(contexts, cursor, deltas, quietWhenUnchanged, cancellationToken), CancellationToken.None);
            return null;
        }

        private Task<ScimFailure?>? _commit;
        private Guid[] _committingLinks = [];
        private Guid[] _committedLinks = [];

        /// <summary>Waits for the page being written, then forgets its links (they are in the store now).</summary>
        public async Task<ScimFailure?> FlushAsync(CancellationToken cancellationToken)
        {
            if (_commit is not { } commit)
            {
                return null;
            }

            _commit = null;
            var failure = await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
            // The links of the write before this one go: a page prepared while this one was being written may not
            // have read this one's links from the store, so they stay in memory one page longer.
            foreach (var id in _committedLinks)
            {
                cycle.Linked.TryRemove(id, out _);
            }

            (_committedLinks, _committingLinks) = (_committingLinks, []);
            return failure;
        }

        private async Task ForEachAsync(IReadOnlyList<ProvisioningContext> contexts, IReadOnlyList<IProvisioningHandler> handlers, CancellationToken cancellationToken)
        {
            var gate = cycle.Gate;
            await Parallel.ForEachAsync(contexts, new ParallelOptions { MaxDegreeOfParallelism = gate.Maximum, CancellationToken = cancellationToken }, async (context, token) =>
            {
                await gate.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    if (cycle.JobFailure is not null)
                    {
                        context.Abandon();
                        return;
                    }

                    context.Begin();
                    await ProvisioningPipeline.RunAsync(handlers, context, token).ConfigureAwait(false);
                    if (context.Failure is { AffectsWholeJob: true } failure)
                    {
                        cycle.FailJob(failure);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    throw; // shutting down: the checkpoint resumes this page
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    runner._logger.ObjectCrashed(exception, context.SourceId, cycle.JobId);
                    context.Fail(ProvisioningErrorCodes.InternalError, $"The provisioning service failed on this object: {exception.GetType().Name}: {exception.Message}",
                        "The object is retried automatically.", category: ProvisioningErrorCategory.Failure);
                }
                finally
                {
                    gate.Release();
                    if (!context.RetryReferences && !OnDemand)
                    {
                        context.Release(); // done with its page's handlers: only what the write and the log need stays
                    }
                }
            }).ConfigureAwait(false);
        }

        private async Task<ScimFailure?> CommitAsync(IReadOnlyList<ProvisioningContext> contexts, string? cursor, int deltas, bool quietWhenUnchanged, CancellationToken cancellationToken)
        {
            var now = runner._time.GetUtcNow();
            var write = new SynchronizationWrite();
            var counters = Checkpoint.Counters;
            long exports = 0, exported = 0, escrowed = 0, skipped = 0, entitled = 0, imported = 0;
            ScimFailure? jobFailure = null;
            foreach (var context in contexts)
            {
                if (context.IsAbandoned)
                {
                    continue; // not processed: the job failed first; the page is read again on resume
                }

                if (context.IsSilent)
                {
                    // Nothing to provision (never linked and not assigned, or gone): nothing left to retry either.
                    foreach (var kind in new[] { EscrowKind.Object, EscrowKind.Reference })
                    {
                        var key = new EscrowKey(context.SourceId, kind);
                        if (cycle.Escrows.ContainsKey(key) || (quietWhenUnchanged && kind == EscrowKind.Reference))
                        {
                            write.ResolvedEscrows.Add(key);
                        }
                    }

                    continue;
                }

                var pendingKey = new EscrowKey(context.SourceId, EscrowKind.PendingDeletion);
                var approvedKey = new EscrowKey(context.SourceId, EscrowKind.ApprovedDeletion);
                if (context.IsStaged)
                {
                    // Held by accidental-deletion protection: kept pending (approved ones are never staged); logged if it stays held.
                    write.Escrows.Add(Escrow(context, EscrowKind.PendingDeletion, ProvisioningErrorCodes.DeletionThresholdExceeded, now));
                    if (_staged.Count < MaximumStagedLogs)
                    {
                        _staged.Add(context); // logged as stagedDelete if the deletions stay held (the pending list has them all)
                    }

                    continue;
                }

                if (cycle.Deletions?.Releasing == true || cycle.Escrows.ContainsKey(pendingKey) || cycle.Escrows.ContainsKey(approvedKey))
                {
                    // Processed for real: a deletion it had pending is done (or no longer wanted).
                    write.ResolvedEscrows.Add(pendingKey);
                    write.ResolvedEscrows.Add(approvedKey);
                }

                var quiet = quietWhenUnchanged && !context.Exported && context.Status == ProvisioningResult.Success;
                if (!quiet)
                {
                    imported++;
                }

                if (context.NewEntry is { } written)
                {
                    write.Entries.Add(written);
                }

                if (context.RemoveEntry)
                {
                    write.RemovedEntries.Add(context.SourceId);
                }

                var objectKey = new EscrowKey(context.SourceId, EscrowKind.Object);
                var referenceKey = new EscrowKey(context.SourceId, EscrowKind.Reference);
                if (context.Failure is { AffectsWholeJob: true } wholeJob)
                {
                    // Credentials, reachability, SCIM compliance: the job fails, not the object; the page is read again on resume.
                    jobFailure ??= wholeJob;
                }
                else if (context.Status == ProvisioningResult.Failure)
                {
                    escrowed++;
                    write.Escrows.Add(Escrow(context, context.FailureKind, context.Error?.ErrorCode ?? ProvisioningErrorCodes.InternalError, now));
                    if (context.FailureKind == EscrowKind.Reference && cycle.Escrows.ContainsKey(objectKey))
                    {
                        write.ResolvedEscrows.Add(objectKey);
                    }
                }
                else
                {
                    if (cycle.Escrows.ContainsKey(objectKey))
                    {
                        write.ResolvedEscrows.Add(objectKey);
                    }

                    if (context.ReferencePending)
                    {
                        write.Escrows.Add(Escrow(context, EscrowKind.Reference, ProvisioningErrorCodes.ReferencePending, now));
                    }
                    else if (cycle.Escrows.ContainsKey(referenceKey) || quietWhenUnchanged)
                    {
                        write.ResolvedEscrows.Add(referenceKey);
                    }
                }

                if (quiet)
                {
                    continue; // a waiting reference with nothing to do: no entry of its own, not counted
                }

                if ((context.Exported || context.Status == ProvisioningResult.Failure) && context.Action != ProvisioningAction.Other)
                {
                    exports++;
                }

                if (context.Exported)
                {
                    exported++;
                }

                if (context.Status == ProvisioningResult.Skipped)
                {
                    skipped++;
                }

                if (ProvisioningLogBuilder.Build(context) is { } log)
                {
                    write.Logs.Add(log);
                }
            }

            Checkpoint = jobFailure is not null ? Checkpoint : Checkpoint with
            {
                Cursor = cursor,
                Counters = counters with
                {
                    Imported = counters.Imported + imported,
                    ImportedDeltas = counters.ImportedDeltas + deltas,
                    Entitled = counters.Entitled + entitled,
                    Exports = counters.Exports + exports,
                    Exported = counters.Exported + exported,
                    Escrowed = counters.Escrowed + escrowed,
                    Skipped = counters.Skipped + skipped,
                    CompletedUnits = counters.CompletedUnits + contexts.Count,
                },
            };

            if (!Persist)
            {
                write.Entries.Clear();
                write.RemovedEntries.Clear();
                write.Escrows.Clear();
                write.ResolvedEscrows.Clear();
            }
            else if (!OnDemand)
            {
                write.State = new CycleState { Watermark = watermark == 0 && cycle.Kind == CycleKind.Initial ? null : watermark, Checkpoint = Checkpoint };
            }

            if (!write.IsEmpty)
            {
                await runner._store.WriteAsync(cycle.JobId, write, cancellationToken).ConfigureAwait(false);
            }

            if (!OnDemand)
            {
                await ReportProgressAsync(cancellationToken).ConfigureAwait(false);
            }

            return jobFailure;
        }

        private EscrowEntry Escrow(ProvisioningContext context, EscrowKind kind, string code, DateTimeOffset now)
        {
            var previous = cycle.Escrows.GetValueOrDefault(new EscrowKey(context.SourceId, kind));
            var first = previous?.FirstFailure ?? now;
            var attempts = (previous?.Attempts ?? 0) + 1;
            return new EscrowEntry
            {
                SourceId = context.SourceId,
                ObjectType = context.TypeName,
                Kind = kind,
                Action = context.Action.ToString().ToLowerInvariant(),
                ErrorCode = code,
                Reason = context.Error?.Reason,
                DisplayName = context.DisplayName,
                FirstFailure = first,
                LastFailure = now,
                Attempts = attempts,
                NextRetry = EscrowSchedule.NextRetry(kind, first, attempts, now),
            };
        }

        private async Task ReportProgressAsync(CancellationToken cancellationToken)
        {
            var counters = Checkpoint.Counters;
            if (!Persist || Stopwatch.GetElapsedTime(_lastProgress) < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _lastProgress = Stopwatch.GetTimestamp();
            var progress = new SynchronizationProgress
            {
                CompletedUnits = counters.CompletedUnits,
                TotalUnits = Math.Max(counters.TotalUnits, counters.CompletedUnits),
                Units = "Objects",
                ProgressObservationDateTime = runner._time.GetUtcNow(),
            };
            await JobStatusWriter.StatusAsync(runner._store, cycle.JobId, status => status with { Progress = [progress] }, cancellationToken).ConfigureAwait(false);
        }
    }
}
