using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Scim.Client;
using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Configuration;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Templates;

namespace Provisio.Synchronization;

/// <summary>
/// The synchronization engine's front door, used by the Graph API, the CLI and the scheduler: jobs made from templates,
/// their schedule, secrets and schema, start / pause / restart, Test Connection, and running a cycle (reference
/// entra-engine-and-api §1.18, §1.19, §6). A job runs one cycle at a time in this process.
/// </summary>
public sealed class SynchronizationEngine
{
    private readonly IDirectoryStore _directory;
    private readonly ISynchronizationStore _store;
    private readonly JobSecretsStore _secrets;
    private readonly TimeProvider _time;
    private readonly CycleRunner _runner;
    private readonly Func<ScimClientOptions, ScimClient> _clients;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _onDemand = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _stops = new(StringComparer.Ordinal);

    public SynchronizationEngine(IDirectoryStore directory, ISynchronizationStore store, ISecretProtector protector, TimeProvider? timeProvider = null,
        ILoggerFactory? loggers = null, Func<ScimClientOptions, ScimClient>? clients = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(protector);
        _directory = directory;
        _store = store;
        _secrets = new JobSecretsStore(store, protector);
        _time = timeProvider ?? TimeProvider.System;
        _clients = clients ?? (options => new ScimClient(options));
        _runner = new CycleRunner(directory, store, protector, _time, (loggers ?? NullLoggerFactory.Instance).CreateLogger<CycleRunner>(), _clients);
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<SynchronizationEngine>();
    }

    /// <summary>Set by the host once its scheduler runs; without one, cycles run only when asked (<see cref="RunCycleAsync"/>).</summary>
    public ISynchronizationScheduler? Scheduler { get; set; }

    public ISynchronizationStore Store => _store;

    /// <summary>The admin portal's address (ending in a slash), for links in notification e-mails; null leaves them out.</summary>
    public Uri? PortalAddress { get; set; }

    /// <summary>Whether a cycle (or an on-demand run) of the job is running in this process now.</summary>
    public bool IsCycleRunning(string jobId) => _running.TryGetValue(jobId, out var gate) && gate.CurrentCount == 0;

    /// <summary>The templates a service principal's jobs can be made from (Graph's <c>synchronization/templates</c>).</summary>
    public static IReadOnlyList<SynchronizationTemplate> Templates { get; } = [ScimSynchronizationTemplate.Template];

    public async Task<EngineResult<StoredJob>> CreateJobAsync(Guid servicePrincipalId, string? templateId, CancellationToken cancellationToken)
    {
        if (await ServicePrincipalAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var template = Templates.FirstOrDefault(item => string.Equals(item.Id, templateId, StringComparison.OrdinalIgnoreCase));
        if (template is null)
        {
            return EngineError.BadRequest("InvalidTemplate",
                $"The template '{templateId}' does not exist. Templates: {string.Join(", ", Templates.Select(item => item.Id))}.");
        }

        var job = SynchronizationJob.Create(template.Id, Guid.NewGuid());
        var stored = new StoredJob
        {
            ServicePrincipalId = servicePrincipalId,
            Job = job,
            Schema = ScimSynchronizationTemplate.CreateSchema(job.Id),
        };
        if (!await _store.CreateJobAsync(stored, cancellationToken).ConfigureAwait(false))
        {
            return EngineError.Conflict($"A job with the id '{job.Id}' exists.");
        }

        var created = (await _store.GetJobAsync(job.Id, cancellationToken).ConfigureAwait(false))!;
        await AuditAsync(created, HealthNotices.Activities.Add, "Add", [("Details", $"Job {job.Id} created from the template '{template.Id}'.")], cancellationToken).ConfigureAwait(false);
        return EngineResult<StoredJob>.Success(created);
    }

    /// <summary>The job, when it belongs to the service principal.</summary>
    public async Task<StoredJob?> GetJobAsync(Guid servicePrincipalId, string jobId, CancellationToken cancellationToken)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        return job?.ServicePrincipalId == servicePrincipalId ? job : null;
    }

    public Task<IReadOnlyList<StoredJob>> ListJobsAsync(Guid servicePrincipalId, CancellationToken cancellationToken) =>
        _store.ListJobsAsync(servicePrincipalId, cancellationToken);

    public async Task<bool> DeleteJobAsync(Guid servicePrincipalId, string jobId, CancellationToken cancellationToken)
    {
        if (await GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return false;
        }

        await AuditAsync(job, HealthNotices.Activities.Delete, "Delete", [("Details", $"Job {jobId} deleted; the accounts in the target stay as they are.")], cancellationToken)
            .ConfigureAwait(false);

        if (Scheduler is { } scheduler)
        {
            await scheduler.UnscheduleAsync(jobId, cancellationToken).ConfigureAwait(false);
        }

        await StopCycleAsync(jobId, cancellationToken).ConfigureAwait(false);
        return await _store.DeleteJobAsync(jobId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the interval (any ISO 8601 duration of at least one second); an active job is rescheduled.</summary>
    public async Task<EngineResult<StoredJob>> SetIntervalAsync(Guid servicePrincipalId, string jobId, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (interval < TimeSpan.FromSeconds(1))
        {
            return EngineError.BadRequest("InvalidSchedule", $"The interval must be at least one second (PT1S), not '{Iso8601Duration.Format(interval)}'.");
        }

        var before = (await GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false))?.Job.Schedule.Interval;
        var updated = await MutateAsync(servicePrincipalId, jobId, job => job with { Job = job.Job with { Schedule = job.Job.Schedule with { Interval = interval } } }, cancellationToken).ConfigureAwait(false);
        if (updated.Value is { } changed)
        {
            await AuditAsync(changed, HealthNotices.Activities.Settings, "Update",
            [
                ("Details", "The cycle interval changed."),
                ("Setting", "schedule.interval"),
                ("OldValue", before is { } old ? Iso8601Duration.Format(old) : null),
                ("NewValue", Iso8601Duration.Format(interval)),
            ], cancellationToken).ConfigureAwait(false);
        }

        if (updated.Value is { } job && job.Job.Schedule.State == SynchronizationScheduleState.Active && Scheduler is { } scheduler)
        {
            await scheduler.ScheduleAsync(jobId, interval, runNow: false, cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    /// <summary>
    /// Sets the accidental-deletion threshold (reference §3; the seed's <c>PATCH .../jobs/{id}</c> with
    /// <c>{"schedule":{"accidentalDeletionThreshold":N}}</c>): a positive number of deletes and disables one cycle may carry out.
    /// </summary>
    public async Task<EngineResult<StoredJob>> SetDeletionThresholdAsync(Guid servicePrincipalId, string jobId, int threshold, CancellationToken cancellationToken)
    {
        if (threshold <= 0)
        {
            return EngineError.BadRequest("InvalidSchedule", $"The accidental-deletion threshold must be a positive integer, not {threshold}.");
        }

        var before = (await GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false)) is { } current ? DeletionProtection.Configured(current.Job) : null;
        var updated = await MutateAsync(servicePrincipalId, jobId, job => job with { Job = DeletionProtection.WithThreshold(job.Job, threshold) }, cancellationToken).ConfigureAwait(false);
        if (updated.Value is { } changed)
        {
            await AuditAsync(changed, HealthNotices.Activities.Settings, "Update",
            [
                ("Details", "The accidental-deletion threshold changed."),
                ("Setting", SynchronizationJob.QuarantineTooManyDeletesThreshold),
                ("OldValue", before?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("NewValue", threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ], cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    /// <summary>The saved secrets' keys, credentials masked (Graph's GET secrets, S8).</summary>
    public async Task<EngineResult<IReadOnlyList<SynchronizationSecretKeyStringValuePair>>> GetSecretsAsync(Guid servicePrincipalId, CancellationToken cancellationToken)
    {
        if (await ServicePrincipalAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        return EngineResult<IReadOnlyList<SynchronizationSecretKeyStringValuePair>>.Success((await _secrets.GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false)).Masked());
    }

    /// <summary>
    /// Saves secrets: they replace those saved before (a masked value keeps the saved one, <see cref="JobSecrets.Replace"/>)
    /// and are protected before they reach the store.
    /// </summary>
    public async Task<EngineResult<bool>> PutSecretsAsync(Guid servicePrincipalId, IReadOnlyList<SynchronizationSecretKeyStringValuePair> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (await ServicePrincipalAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var current = await _secrets.GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false);
        var next = current.Replace(pairs);
        if (next[SynchronizationSecret.BaseAddress] is { } address && next.BaseAddress is null)
        {
            return EngineError.BadRequest("InvalidSecret", $"BaseAddress must be an absolute http or https URL, not '{address}'.");
        }

        if (!NotificationSettings.TryParse(next[SynchronizationSecret.SyncNotificationSettings], out var notifications, out var invalid))
        {
            return EngineError.BadRequest("InvalidSecret", invalid!);
        }

        await _secrets.SetAsync(servicePrincipalId, next, cancellationToken).ConfigureAwait(false);
        var changedKeys = next.Keys.Union(current.Keys).Where(key => next[key] != current[key]).Select(key => key.ToString()).Order(StringComparer.Ordinal).ToList();
        foreach (var job in await _store.ListJobsAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false))
        {
            // The keys that changed, never their values (credentials are never logged).
            await AuditAsync(job, HealthNotices.Activities.Settings, "Update",
            [
                ("Details", changedKeys.Count == 0 ? "The secrets were saved unchanged." : $"Secrets changed: {string.Join(", ", changedKeys)}."),
                ("ChangedKeys", string.Join(",", changedKeys)),
            ], cancellationToken).ConfigureAwait(false);
        }

        if (notifications.DeleteThresholdValue is { } threshold)
        {
            // One threshold per job: the secret's value becomes the jobs' QuarantineTooManyDeletesThreshold setting.
            foreach (var job in await _store.ListJobsAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false))
            {
                await JobStatusWriter.MutateAsync(_store, job.Id, stored => stored with { Job = DeletionProtection.WithThreshold(stored.Job, threshold) }, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return EngineResult<bool>.Success(true);
    }

    /// <summary>
    /// Graph's <c>acquireAccessToken</c> and the portal's Authorize: exchanges <c>Oauth2AuthorizationCode</c> for the
    /// redirect URI <c>Oauth2RedirectUri</c> (given in <paramref name="credentials"/>, with any other key to save; a masked
    /// value means the saved one) at the token endpoint, with the PKCE <paramref name="codeVerifier"/>; then saves the
    /// refresh and access tokens (never the code), makes the job use them, and audits the change, keys only. A job in
    /// quarantine stays there until it is restarted.
    /// </summary>
    public async Task<EngineResult<bool>> AcquireAccessTokenAsync(Guid servicePrincipalId, IReadOnlyList<SynchronizationSecretKeyStringValuePair> credentials,
        string? codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (await ServicePrincipalAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }

        var saved = await _secrets.GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false);
        var given = saved.With(credentials.Where(pair => pair.Value != SynchronizationSecretKeyStringValuePair.Mask));
        if (OAuthAuthorization.Missing(given) is { } incomplete)
        {
            return EngineError.BadRequest("InvalidCredentials", incomplete);
        }

        var exchanged = await OAuthAuthorization.ExchangeAsync(given, codeVerifier, cancellationToken).ConfigureAwait(false);
        if (!exchanged.Succeeded)
        {
            _logger.AuthorizationRefused(servicePrincipalId, exchanged.Failure.Code);
            return EngineError.BadRequest(exchanged.Failure.Code, $"{exchanged.Failure.Message} {exchanged.Failure.RecommendedAction}".Trim());
        }

        var next = exchanged.Value!;
        await _secrets.SetAsync(servicePrincipalId, next, cancellationToken).ConfigureAwait(false);
        var changedKeys = next.Keys.Union(saved.Keys).Where(key => next[key] != saved[key]).Select(key => key.ToString()).Order(StringComparer.Ordinal).ToList();
        foreach (var job in await _store.ListJobsAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false))
        {
            await AuditAsync(job, HealthNotices.Activities.Settings, "Update",
            [
                ("Details", $"OAuth authorization granted: the application's token endpoint issued a refresh token. Secrets changed: {string.Join(", ", changedKeys)}."),
                ("ChangedKeys", string.Join(",", changedKeys)),
            ], cancellationToken).ConfigureAwait(false);
        }

        return EngineResult<bool>.Success(true);
    }

    /// <summary>
    /// Test Connection (reference §1.15): <c>GET /Users?filter={matching attribute} eq "{random GUID}"</c> with the given
    /// credentials (or the saved ones), expecting 200 and an empty ListResponse; the failure says what to fix.
    /// </summary>
    public async Task<EngineResult<bool>> ValidateCredentialsAsync(Guid servicePrincipalId, string jobId, IReadOnlyList<SynchronizationSecretKeyStringValuePair>? credentials,
        bool useSavedCredentials, CancellationToken cancellationToken)
    {
        var job = await GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return EngineError.NotFound($"The job '{jobId}' does not exist on the service principal '{servicePrincipalId}'.");
        }

        var saved = await _secrets.GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false);
        // A credential given as the mask (as GET secrets and the portal show it) means the saved value, as PUT reads it.
        var secrets = useSavedCredentials || credentials is null ? saved
            : JobSecrets.From(credentials.Select(pair => pair.Value == SynchronizationSecretKeyStringValuePair.Mask ? pair with { Value = saved[pair.Key] } : pair));
        if (secrets.BaseAddress is null || secrets.Credentials() is not { } scimCredentials)
        {
            return EngineError.BadRequest("CredentialsMissing", secrets.BaseAddress is null || secrets.AuthenticationType is null
                ? "Give BaseAddress (the Tenant URL, an absolute http or https URL) and SecretToken (or OAuth credentials), or useSavedCredentials after saving them."
                : secrets.MissingCredentials()!);
        }

        var (plan, _) = JobPlan.Create(job.Schema);
        var matching = plan?.Users?.Compiled.MatchingAttributes.FirstOrDefault()?.TargetAttributeName ?? "userName";
        using var client = _clients(new ScimClientOptions
        {
            TenantUrl = secrets.BaseAddress,
            Credentials = scimCredentials,
            // Testing the saved authorization refreshes it: a rotated refresh token is kept (only when it is the saved one).
            TokensRefreshed = (grant, token) => _secrets.SaveRefreshedAsync(servicePrincipalId, grant, token),
        });
        var result = scimCredentials is OAuthClientCredentials or OAuthRefreshTokenCredentials
            && await client.RefreshAccessTokenAsync(cancellationToken).ConfigureAwait(false) is { } refused
            ? refused
            : await client.TestConnectionAsync(matching, cancellationToken).ConfigureAwait(false);
        return result.Failure is { } failure
            ? EngineError.BadRequest(failure.Code, $"{failure.Message} {failure.RecommendedAction}".Trim())
            : EngineResult<bool>.Success(true);
    }

    /// <summary>Starts (or resumes) the job (reference §1.19): schedule active, a quarantine lifted, a cycle now.</summary>
    public async Task<EngineResult<StoredJob>> StartAsync(Guid servicePrincipalId, string jobId, CancellationToken cancellationToken)
    {
        var started = await ActivateAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false);
        if (started.Value is { } job)
        {
            await AuditAsync(job, HealthNotices.Activities.Start, "Update", [("Details", "The job was started.")], cancellationToken).ConfigureAwait(false);
        }

        return started;
    }

    /// <summary>Pauses the job: no further cycles; a running one finishes (reference §1.3, S9).</summary>
    public async Task<EngineResult<StoredJob>> PauseAsync(Guid servicePrincipalId, string jobId, CancellationToken cancellationToken)
    {
        var paused = await MutateAsync(servicePrincipalId, jobId, job => job with
        {
            Job = job.Job with
            {
                Schedule = job.Job.Schedule with { State = SynchronizationScheduleState.Paused },
                Status = job.Job.Status with { Code = SynchronizationStatusCode.Paused },
            },
        }, cancellationToken).ConfigureAwait(false);
        if (paused.Succeeded && Scheduler is { } scheduler)
        {
            await scheduler.UnscheduleAsync(jobId, cancellationToken).ConfigureAwait(false);
        }

        if (paused.Value is { } job)
        {
            await AuditAsync(job, HealthNotices.Activities.Pause, "Update", [("Details", "The job was paused: no further cycles until it is started.")], cancellationToken).ConfigureAwait(false);
        }

        return paused;
    }

    /// <summary>Restart (reference §1.13, §6.8): resets what the scope names, then starts the job; the next cycle is initial when the watermark went.</summary>
    public async Task<EngineResult<StoredJob>> RestartAsync(Guid servicePrincipalId, string jobId, SynchronizationJobRestartCriteria? criteria, CancellationToken cancellationToken)
    {
        if (await GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false) is null)
        {
            return EngineError.NotFound($"The job '{jobId}' does not exist on the service principal '{servicePrincipalId}'.");
        }

        var scope = (criteria ?? new SynchronizationJobRestartCriteria()).EffectiveScope;
        await StopCycleAsync(jobId, cancellationToken).ConfigureAwait(false);
        await _store.ResetAsync(jobId, new SynchronizationReset
        {
            Watermark = scope.HasFlag(SynchronizationJobRestartScope.Watermark),
            Escrows = scope.HasFlag(SynchronizationJobRestartScope.Escrows),
            ConnectorDataStore = scope.HasFlag(SynchronizationJobRestartScope.ConnectorDataStore),
        }, cancellationToken).ConfigureAwait(false);
        var approved = scope.HasFlag(SynchronizationJobRestartScope.ForceDeletes) ? await ApproveDeletionsAsync(jobId, cancellationToken).ConfigureAwait(false) : 0;
        var current = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        // Approving the held deletions lifts the quarantine they caused, so the next cycle carries them out.
        var lift = scope.HasFlag(SynchronizationJobRestartScope.QuarantineState)
            || (scope.HasFlag(SynchronizationJobRestartScope.ForceDeletes) && current?.Job.Status.Quarantine?.Reason == QuarantineReason.TooManyDeletes);
        _logger.JobRestarted(jobId, scope.ToString(), approved);
        var restarted = await ActivateAsync(servicePrincipalId, jobId, cancellationToken, clearQuarantine: lift).ConfigureAwait(false);
        if (restarted.Value is { } job)
        {
            await AuditAsync(job, HealthNotices.Activities.Restart, "Update",
            [
                ("Details", $"The job was restarted with the reset scope {scope}{(approved > 0 ? $"; {approved} held deletions approved" : "")}."),
                ("ResetScope", scope.ToString()),
                ("ApprovedDeletions", approved.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ], cancellationToken).ConfigureAwait(false);
        }

        return restarted;
    }

    /// <summary>The deletions held by accidental-deletion protection become approved: the next cycle carries out exactly those.</summary>
    private async Task<int> ApproveDeletionsAsync(string jobId, CancellationToken cancellationToken)
    {
        var write = new SynchronizationWrite();
        await foreach (var escrow in _store.ReadEscrowsAsync(jobId, cancellationToken).ConfigureAwait(false))
        {
            if (escrow.Kind == EscrowKind.PendingDeletion)
            {
                write.ResolvedEscrows.Add(new EscrowKey(escrow.SourceId, EscrowKind.PendingDeletion));
                write.Escrows.Add(escrow with { Kind = EscrowKind.ApprovedDeletion });
            }
        }

        if (!write.IsEmpty)
        {
            await _store.WriteAsync(jobId, write, cancellationToken).ConfigureAwait(false);
        }

        return write.Escrows.Count;
    }

    /// <summary>The deletions accidental-deletion protection holds (pending or approved), oldest first, with the threshold in force (null: off).</summary>
    public async Task<EngineResult<PendingDeletions>> GetPendingDeletionsAsync(Guid servicePrincipalId, string jobId, CancellationToken cancellationToken)
    {
        if (await GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return EngineError.NotFound($"The job '{jobId}' does not exist on the service principal '{servicePrincipalId}'.");
        }

        var entries = new List<EscrowEntry>();
        await foreach (var escrow in _store.ReadEscrowsAsync(jobId, cancellationToken).ConfigureAwait(false))
        {
            if (escrow.Kind is EscrowKind.PendingDeletion or EscrowKind.ApprovedDeletion)
            {
                entries.Add(escrow);
            }
        }

        var secrets = await _secrets.GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false);
        return EngineResult<PendingDeletions>.Success(new PendingDeletions(DeletionProtection.Threshold(job, secrets), [.. entries.OrderBy(entry => entry.FirstFailure)]));
    }

    /// <summary>
    /// Puts the job in quarantine on purpose (<c>QuarantinedOnDemand</c>, seed 002 "QuarantineOnDemand"): scheduled cycles
    /// stop until an administrator starts or restarts it.
    /// </summary>
    public async Task<EngineResult<StoredJob>> QuarantineAsync(Guid servicePrincipalId, string jobId, string? reason, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var change = QuarantineChange.None;
        var result = await MutateAsync(servicePrincipalId, jobId, job =>
        {
            var (status, changed) = QuarantineRules.Apply(job.Job.Status, QuarantineReason.QuarantinedOnDemand, new SynchronizationError
            {
                Code = nameof(QuarantineReason.QuarantinedOnDemand),
                Message = string.IsNullOrWhiteSpace(reason) ? "An administrator put the job in quarantine." : reason.Trim(),
                TenantActionable = true,
            }, job.Job.Schedule.Interval, now);
            change = changed;
            return job with { Job = job.Job with { Status = status } };
        }, cancellationToken).ConfigureAwait(false);
        if (result.Value is { } quarantined)
        {
            await StopCycleAsync(jobId, cancellationToken).ConfigureAwait(false);
            await HealthChangedAsync(quarantined, change, cancellationToken, initiatedBy: HealthNotices.Administrator).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Replaces the job's schema after checking it compiles; like a save in the portal, the next cycle is initial (reference §1.13).</summary>
    public async Task<EngineResult<StoredJob>> PutSchemaAsync(Guid servicePrincipalId, string jobId, SynchronizationSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var (_, error) = JobPlan.Create(schema);
        if (error is not null)
        {
            return EngineError.BadRequest("InvalidSchema", error);
        }

        var saved = await MutateAsync(servicePrincipalId, jobId, job => job with
        {
            Schema = schema with { Id = job.Id, Version = Guid.NewGuid().ToString("N") },
        }, cancellationToken).ConfigureAwait(false);
        if (saved.Value is not { } job)
        {
            return saved;
        }

        // Saving mappings or scoping restarts provisioning (seed 002): a new initial cycle, escrows cleared, the quarantine lifted.
        await AuditAsync(job, HealthNotices.Activities.Mappings, "Update",
            [("Details", "The schema (attribute mappings and scoping) was saved; provisioning restarts with an initial cycle."), ("SchemaVersion", job.Schema.Version)],
            cancellationToken).ConfigureAwait(false);
        await StopCycleAsync(jobId, cancellationToken).ConfigureAwait(false);
        await _store.ResetAsync(jobId, new SynchronizationReset { Watermark = true, Escrows = true }, cancellationToken).ConfigureAwait(false);
        if (job.Job.Status.Quarantine is not null)
        {
            var lifted = await JobStatusWriter.StatusAsync(_store, jobId, QuarantineRules.Lift, cancellationToken).ConfigureAwait(false);
            if (lifted is not null)
            {
                await HealthChangedAsync(lifted, QuarantineChange.Lifted, cancellationToken, job.Job.Status.Quarantine, initiatedBy: HealthNotices.Administrator).ConfigureAwait(false);
            }
        }

        if (job.Job.Schedule.State == SynchronizationScheduleState.Active && Scheduler is { } scheduler)
        {
            await scheduler.ScheduleAsync(jobId, job.Job.Schedule.Interval, runNow: true, cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }

    /// <summary>Runs one cycle of the job now (waiting for a running one to finish first); <paramref name="dryRun"/> sends nothing.</summary>
    public async Task<CycleResult> RunCycleAsync(string jobId, bool dryRun, CancellationToken cancellationToken)
    {
        await using var turn = await EnterAsync(jobId, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stops[jobId] = stop;
        using var watch = WatchForStops(jobId, stop);
        try
        {
            var result = await _runner.RunAsync(jobId, dryRun, stop.Token).ConfigureAwait(false);
            if (!dryRun && result.Outcome is CycleOutcome.Completed or CycleOutcome.Failed)
            {
                await EvaluateHealthAsync(jobId, result, stop.Token).ConfigureAwait(false);
                if ((result.EscrowsRetried > 0 || result.EscrowsExpired > 0) && await _store.GetJobAsync(jobId, stop.Token).ConfigureAwait(false) is { } processed)
                {
                    await AuditAsync(processed, HealthNotices.Activities.ProcessEscrow, "Update",
                    [
                        ("Details", $"{result.EscrowsRetried} escrowed objects retried; {result.EscrowsExpired} escrows older than 28 days removed unretried."),
                        ("EscrowsRetried", result.EscrowsRetried.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        ("EscrowsExpired", result.EscrowsExpired.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ], stop.Token, HealthNotices.Service, result.Execution.ActivityIdentifier).ConfigureAwait(false);
                }
            }

            return result;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Stopped by a restart, a schema save or a delete, which reset the job's state once the cycle is out of the way.
            var now = _time.GetUtcNow();
            return new CycleResult(new SynchronizationTaskExecution
            {
                TimeBegan = now,
                TimeEnded = now,
                State = SynchronizationTaskExecutionResult.Failed,
                Error = new SynchronizationError { Code = "CycleStopped", Message = "The cycle was stopped by a restart, a schema change or the job's deletion." },
            }, CycleOutcome.Stopped);
        }
        finally
        {
            _stops.TryRemove(new KeyValuePair<string, CancellationTokenSource>(jobId, stop));
        }
    }

    /// <summary>How often a cycle on a store shared by several nodes looks for a stop asked for from another node.</summary>
    public static readonly TimeSpan StopPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a stop request counts; the asker renews it at a third of that while it waits.</summary>
    public static readonly TimeSpan StopRequestFreshness = TimeSpan.FromSeconds(9);

    /// <summary>
    /// The job's turn: this process's gate (one cycle or on-demand run of a job at a time), then, on a store shared by
    /// several nodes, the job's cycle lease (one at a time across the cluster, whoever started it: a scheduler's firing
    /// on one node, a "run now" through the API on another).
    /// </summary>
    private async Task<IAsyncDisposable> EnterAsync(string jobId, CancellationToken cancellationToken)
    {
        var gate = _running.GetOrAdd(jobId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new JobTurn(gate, await _store.AcquireCycleLeaseAsync(jobId, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>On a shared store, cancels <paramref name="stop"/> when another node asks the job's cycle to stop; disposing ends the watch.</summary>
    private IDisposable? WatchForStops(string jobId, CancellationTokenSource stop)
    {
        if (!_store.SharedAcrossProcesses)
        {
            return null;
        }

        var watching = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var token = watching.Token; // read once: the source is disposed when the cycle ends, the token stays usable
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(StopPollInterval, _time);
            try
            {
                while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
                {
                    // Only a fresh request: an asker waiting for the lease renews its request; one that died leaves a stale row.
                    if (await _store.IsCycleStopRequestedAsync(jobId, _time.GetUtcNow() - StopRequestFreshness, token).ConfigureAwait(false))
                    {
                        _logger.CycleStopRequested(jobId);
                        await stop.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // the cycle ended
            }
            catch (Exception exception) when (exception is not (OutOfMemoryException or InsufficientExecutionStackException))
            {
                // The store is unreachable for a moment; the cycle's own writes will say so.
                _logger.StopWatchFailed(exception, jobId);
            }
        }, CancellationToken.None);
        return new StopWatch(watching);
    }

    private sealed class JobTurn(SemaphoreSlim gate, IAsyncDisposable lease) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private sealed class StopWatch(CancellationTokenSource watching) : IDisposable
    {
        public void Dispose()
        {
            watching.Cancel();
            watching.Dispose();
        }
    }

    /// <summary>
    /// What the scheduler runs when a job is due: a cycle, unless the job is no longer active or its quarantine says to
    /// wait (the next attempt backs off to once a day; an administrator's quarantine waits for them). Null when it waited.
    /// </summary>
    public async Task<CycleResult?> RunScheduledCycleAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null || job.Job.Schedule.State != SynchronizationScheduleState.Active || QuarantineRules.Defers(job.Job.Status, _time.GetUtcNow()))
        {
            return null;
        }

        return await RunCycleAsync(jobId, dryRun: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a cycle (reference §2, seed 002): a failure of the whole job (credentials, reachability, SCIM compliance)
    /// quarantines it with <c>EncounteredQuarantineException</c> regardless of counts; deletions held over the threshold with
    /// <c>TooManyDeletes</c>; otherwise the escrow thresholds decide. A quarantine the criteria no longer justify is lifted;
    /// one older than four weeks disables the job.
    /// </summary>
    private async Task EvaluateHealthAsync(string jobId, CycleResult result, CancellationToken cancellationToken)
    {
        QuarantineReason? reason;
        SynchronizationError? error;
        if (result.JobFailure is { } failure)
        {
            reason = QuarantineReason.EncounteredQuarantineException;
            error = new SynchronizationError { Code = failure.Code, Message = $"{failure.Message} {failure.RecommendedAction}".Trim(), TenantActionable = true };
        }
        else if (result.HeldDeletions > 0)
        {
            reason = QuarantineReason.TooManyDeletes;
            error = new SynchronizationError
            {
                Code = nameof(QuarantineReason.TooManyDeletes),
                Message = $"The cycle would delete or disable {result.HeldDeletions:N0} objects, more than the accidental-deletion threshold of {result.DeletionThreshold:N0}; " +
                    "none was carried out. Approve them with restart resetScope ForceDeletes, or fix the scoping and restart.",
                TenantActionable = true,
            };
        }
        else
        {
            var tally = await TallyAsync(jobId, cancellationToken).ConfigureAwait(false);
            reason = EscrowThresholds.Evaluate(tally);
            error = reason is { } threshold ? EscrowThresholds.Error(threshold, tally) : null;
        }

        var now = _time.GetUtcNow();
        var change = QuarantineChange.None;
        SynchronizationQuarantine? before = null;
        var disabled = false;
        var updated = await JobStatusWriter.MutateAsync(_store, jobId, job =>
        {
            before = job.Job.Status.Quarantine;
            if (before?.Reason == QuarantineReason.QuarantinedOnDemand)
            {
                change = QuarantineChange.None; // only an administrator lifts their own quarantine
                return job;
            }

            var (status, changed) = QuarantineRules.Apply(job.Job.Status, reason, error, job.Job.Schedule.Interval, now);
            change = changed;
            disabled = status.Quarantine is { } quarantine && QuarantineRules.Expired(quarantine, now);
            return job with
            {
                Job = job.Job with
                {
                    Status = status,
                    Schedule = disabled ? job.Job.Schedule with { State = SynchronizationScheduleState.Disabled } : job.Job.Schedule,
                },
            };
        }, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return;
        }

        if (disabled)
        {
            _logger.DisabledAfterQuarantine(jobId, updated.Job.Status.Quarantine?.SeriesBegan ?? now);
            if (Scheduler is { } scheduler)
            {
                await scheduler.UnscheduleAsync(jobId, cancellationToken).ConfigureAwait(false);
            }
        }

        await HealthChangedAsync(updated, change, cancellationToken, before, disabled).ConfigureAwait(false);
    }

    /// <summary>
    /// The counts the escrow thresholds judge: objects in escrow, reference failures (a reference merely waiting for its
    /// object is not one), and the objects provisioned (the connector data store).
    /// </summary>
    private async Task<EscrowTally> TallyAsync(string jobId, CancellationToken cancellationToken)
    {
        long failed = 0, references = 0;
        await foreach (var escrow in _store.ReadEscrowsAsync(jobId, cancellationToken).ConfigureAwait(false))
        {
            switch (escrow.Kind)
            {
                case EscrowKind.Object:
                    failed++;
                    break;
                case EscrowKind.Reference when escrow.ErrorCode != Pipeline.ProvisioningErrorCodes.ReferencePending:
                    references++;
                    break;
            }
        }

        var provisioned = (await _store.CountEntriesAsync(jobId, cancellationToken).ConfigureAwait(false)).Values.Sum();
        return new EscrowTally(failed, provisioned, references);
    }

    /// <summary>
    /// What a change of the job's health brings (seed 002, reference §2.4): a "Quarantine" audit record each time, and the
    /// quarantine e-mail once per series and again when the reason changes (or the job is disabled), to the job's
    /// notification address through the store's outbox.
    /// </summary>
    private async Task HealthChangedAsync(StoredJob job, QuarantineChange change, CancellationToken cancellationToken, SynchronizationQuarantine? before = null,
        bool disabled = false, AuditActivityInitiator? initiatedBy = null)
    {
        if (change == QuarantineChange.None)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var quarantine = job.Job.Status.Quarantine;
        if (change == QuarantineChange.Lifted && before is not null)
        {
            _logger.QuarantineLifted(job.Id, before.Reason?.ToString() ?? "Unknown", before.SeriesBegan ?? now);
        }
        else if (quarantine is not null)
        {
            _logger.Quarantined(job.Id, quarantine.Reason?.ToString() ?? "Unknown", quarantine.Error?.Code, quarantine.NextAttempt ?? now);
        }

        var name = await ServicePrincipalNameAsync(job.ServicePrincipalId, cancellationToken).ConfigureAwait(false);
        await _store.AppendAuditAsync(HealthNotices.QuarantineAudit(job, name, change, before, disabled, initiatedBy ?? HealthNotices.Service, now), cancellationToken)
            .ConfigureAwait(false);
        if (change is QuarantineChange.Entered or QuarantineChange.ReasonChanged || disabled)
        {
            var secrets = await _secrets.GetAsync(job.ServicePrincipalId, cancellationToken).ConfigureAwait(false);
            if (HealthNotices.QuarantineEmail(job, name, NotificationSettings.From(secrets), change == QuarantineChange.ReasonChanged, disabled, now, PortalAddress) is { } email)
            {
                await _store.EnqueueEmailAsync(email, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>An audit record of an administrator's (or the service's) change to a job (reference §8).</summary>
    private async Task AuditAsync(StoredJob job, string activity, string operationType, IEnumerable<(string Key, string? Value)> details, CancellationToken cancellationToken,
        AuditActivityInitiator? initiatedBy = null, string? correlationId = null)
    {
        var name = await ServicePrincipalNameAsync(job.ServicePrincipalId, cancellationToken).ConfigureAwait(false);
        await _store.AppendAuditAsync(HealthNotices.Audit(job, name, activity, operationType, initiatedBy ?? AuditInitiatorScope.Current ?? HealthNotices.Administrator, _time.GetUtcNow(), details, correlationId),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> ServicePrincipalNameAsync(Guid servicePrincipalId, CancellationToken cancellationToken) =>
        (await _directory.GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false))?["displayName"] ?? servicePrincipalId.ToString("D");

    /// <summary>Stops the job's running cycle, if any, and waits until it is out of the way (its last write done).</summary>
    private async Task StopCycleAsync(string jobId, CancellationToken cancellationToken)
    {
        if (_stops.TryGetValue(jobId, out var stop))
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        if (!_store.SharedAcrossProcesses)
        {
            await using var local = await EnterAsync(jobId, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The cycle may run on another node: ask there (renewing the request while waiting), and wait for its lease.
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await _store.RequestCycleStopAsync(jobId, cancellationToken).ConfigureAwait(false);
        var renew = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(StopRequestFreshness / 3, _time);
            while (await timer.WaitForNextTickAsync(waiting.Token).ConfigureAwait(false))
            {
                await _store.RequestCycleStopAsync(jobId, waiting.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None);
        try
        {
            await using var turn = await EnterAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await waiting.CancelAsync().ConfigureAwait(false);
            try
            {
                await renew.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // renewing ended with the wait
            }

            await _store.ClearCycleStopAsync(jobId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>On-demand provisioning's limit per job (reference §1.14, §6.9: 5 requests per 10 seconds).</summary>
    public const int OnDemandLimit = 5;

    public static readonly TimeSpan OnDemandWindow = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Provisions one user, or one group with at most 5 members, now, through the cycle's pipeline (reference §1.14):
    /// the entries show each step with its details. More than 5 calls per job in 10 seconds are refused with 429.
    /// </summary>
    public async Task<EngineResult<OnDemandResult>> ProvisionOnDemandAsync(Guid servicePrincipalId, string jobId, IReadOnlyList<Guid> users, Guid? group,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (await GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false) is null)
        {
            return EngineError.NotFound($"The job '{jobId}' does not exist on the service principal '{servicePrincipalId}'.");
        }

        if (users.Count == 0 && group is null)
        {
            return EngineError.BadRequest("InvalidRequest", "Name a user, or a group with up to 5 members, to provision.");
        }

        if (group is not null ? users.Count > 5 : users.Count > 1)
        {
            return EngineError.BadRequest("InvalidRequest", "On-demand provisioning takes one user, or one group with at most 5 members.");
        }

        // reference §1.14: deleted users cannot be provisioned on demand (a restore could duplicate them); each subject
        // must exist with its kind.
        foreach (var (id, kind) in users.Select(id => (id, DirectoryObjectKind.User)).Concat(group is { } groupId ? [(groupId, DirectoryObjectKind.Group)] : []))
        {
            var subject = await _directory.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (subject is null || subject.Kind != kind || subject.IsSoftDeleted)
            {
                return EngineError.BadRequest("InvalidSubject", subject is null || subject.IsSoftDeleted
                    ? $"The {kind} '{id}' does not exist in the directory (deleted objects cannot be provisioned on demand)."
                    : $"'{id}' is a {subject.Kind}, not a {kind}.");
            }
        }

        if (!TryTakeOnDemandSlot(jobId))
        {
            return new EngineError(429, "TooManyRequests", $"On-demand provisioning allows {OnDemandLimit} requests per {OnDemandWindow.TotalSeconds:0} seconds per job; retry shortly.");
        }

        await using var turn = await EnterAsync(jobId, cancellationToken).ConfigureAwait(false);
        var result = await _runner.ProvisionOnDemandAsync(jobId, users, group, cancellationToken).ConfigureAwait(false);
        return result.Error is { } error && result.Entries.Count == 0
            ? EngineError.BadRequest(error.Code ?? "InvalidRequest", error.Message ?? "The job cannot provision.")
            : EngineResult<OnDemandResult>.Success(result);
    }

    /// <summary>How long until on-demand provisioning of the job is allowed again (zero when it is now).</summary>
    public TimeSpan OnDemandRetryAfter(string jobId)
    {
        if (!_onDemand.TryGetValue(jobId, out var calls))
        {
            return TimeSpan.Zero;
        }

        lock (calls)
        {
            var now = _time.GetUtcNow();
            var recent = calls.Where(call => now - call < OnDemandWindow).ToList();
            return recent.Count < OnDemandLimit ? TimeSpan.Zero : recent[^OnDemandLimit] + OnDemandWindow - now;
        }
    }

    private bool TryTakeOnDemandSlot(string jobId)
    {
        var now = _time.GetUtcNow();
        var calls = _onDemand.GetOrAdd(jobId, _ => new Queue<DateTimeOffset>());
        lock (calls)
        {
            while (calls.Count > 0 && now - calls.Peek() >= OnDemandWindow)
            {
                calls.Dequeue();
            }

            if (calls.Count >= OnDemandLimit)
            {
                return false;
            }

            calls.Enqueue(now);
            return true;
        }
    }

    private async Task<EngineResult<StoredJob>> ActivateAsync(Guid servicePrincipalId, string jobId, CancellationToken cancellationToken, bool clearQuarantine = true)
    {
        SynchronizationQuarantine? lifted = null;
        var started = await MutateAsync(servicePrincipalId, jobId, job =>
        {
            var status = job.Job.Status;
            lifted = clearQuarantine ? status.Quarantine : null;
            var interval = job.Job.Schedule.Interval == TimeSpan.MaxValue ? SynchronizationSchedule.DefaultInterval : job.Job.Schedule.Interval;
            var everRan = status.LastExecution is not null;
            return job with
            {
                Job = job.Job with
                {
                    Schedule = job.Job.Schedule with { State = SynchronizationScheduleState.Active, Interval = interval },
                    Status = status with
                    {
                        Code = status.Code == SynchronizationStatusCode.Quarantine && !clearQuarantine ? status.Code
                            : everRan ? SynchronizationStatusCode.Active : SynchronizationStatusCode.NotRun,
                        Quarantine = clearQuarantine ? null : status.Quarantine,
                    },
                },
            };
        }, cancellationToken).ConfigureAwait(false);
        if (started.Value is { } job && lifted is not null)
        {
            await HealthChangedAsync(job, QuarantineChange.Lifted, cancellationToken, lifted, initiatedBy: HealthNotices.Administrator).ConfigureAwait(false);
        }

        if (started.Value is { } active && Scheduler is { } scheduler)
        {
            await scheduler.ScheduleAsync(jobId, active.Job.Schedule.Interval, runNow: true, cancellationToken).ConfigureAwait(false);
        }

        return started;
    }

    private async Task<EngineResult<StoredJob>> MutateAsync(Guid servicePrincipalId, string jobId, Func<StoredJob, StoredJob> change, CancellationToken cancellationToken)
    {
        if (await GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false) is null)
        {
            return EngineError.NotFound($"The job '{jobId}' does not exist on the service principal '{servicePrincipalId}'.");
        }

        var updated = await JobStatusWriter.MutateAsync(_store, jobId, change, cancellationToken).ConfigureAwait(false);
        return updated is null ? EngineError.NotFound($"The job '{jobId}' was deleted.") : EngineResult<StoredJob>.Success(updated);
    }

    private async Task<EngineError?> ServicePrincipalAsync(Guid servicePrincipalId, CancellationToken cancellationToken) =>
        await _directory.GetAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false) is { Kind: DirectoryObjectKind.ServicePrincipal }
            ? null
            : EngineError.NotFound($"The service principal '{servicePrincipalId}' does not exist.");
}
