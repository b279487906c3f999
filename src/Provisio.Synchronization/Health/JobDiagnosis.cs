using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Scim.Client;
using Provisio.Synchronization.Configuration;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Health;

/// <summary>
/// Walks the seed 000 diagnostic approach and "Troubleshooting Checklist" over one job automatically (Provisio's own;
/// Entra leaves it to the administrator): the job's state and quarantine, Test Connection, the escrows grouped by error
/// code with examples and what to do, what the last cycle skipped, the deletions held, then one
/// <see cref="DiagnosisCheck"/> per checklist row (<see cref="TroubleshootingChecklist"/>). Reads only; changes nothing.
/// </summary>
public sealed class JobDiagnostician
{
    /// <summary>Examples shown per group.</summary>
    public const int ExampleLimit = 5;

    /// <summary>At most this many skipped log entries of the last cycle are read (<see cref="SkippedSummary.Truncated"/> beyond).</summary>
    public const int SkippedRowLimit = 20_000;

    private const int LogPageSize = 1_000;

    public static readonly TimeSpan DefaultTestConnectionTimeout = TimeSpan.FromSeconds(30);

    private const string DeletionAction =
        "Review the pending deletions (provisioning logs with action stagedDelete). If they are intended, approve them: POST .../restart with " +
        "{\"criteria\":{\"resetScope\":\"ForceDeletes\"}}; if not, fix the scoping (or the source) and restart the job.";

    private readonly SynchronizationEngine _engine;
    private readonly IDirectoryStore _directory;
    private readonly TimeProvider _time;

    public JobDiagnostician(SynchronizationEngine engine, IDirectoryStore directory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(directory);
        _engine = engine;
        _directory = directory;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long Test Connection may take before the diagnosis reports it as timed out.</summary>
    public TimeSpan TestConnectionTimeout { get; init; } = DefaultTestConnectionTimeout;

    /// <summary>The job's diagnosis; null when the service principal has no such job.</summary>
    public async Task<DiagnosisReport?> DiagnoseAsync(Guid servicePrincipalId, string jobId, bool testConnection, CancellationToken cancellationToken)
    {
        var job = await _engine.GetJobAsync(servicePrincipalId, jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }

        // Credentials come back masked; the diagnosis needs only the settings beside them (SyncAll, the deletion threshold).
        var secrets = await _engine.GetSecretsAsync(servicePrincipalId, cancellationToken).ConfigureAwait(false) is { Value: { } pairs }
            ? JobSecrets.From(pairs)
            : JobSecrets.Empty;
        var escrows = await EscrowTallies.ReadAsync(_engine.Store, job.Id, cancellationToken).ConfigureAwait(false);
        var report = new DiagnosisReport
        {
            JobId = job.Id,
            ServicePrincipalId = servicePrincipalId,
            GeneratedDateTime = _time.GetUtcNow(),
            State = await StateAsync(job, secrets, cancellationToken).ConfigureAwait(false),
            TestConnection = testConnection ? await TestConnectionAsync(servicePrincipalId, job.Id, cancellationToken).ConfigureAwait(false) : null,
            ObjectFailures = new FailureSummary
            {
                Count = escrows.Objects.Sum(group => group.Count),
                Groups = await GroupsAsync(job.Id, escrows.Objects, selfHealing: false, cancellationToken).ConfigureAwait(false),
            },
            ReferenceFailures = new ReferenceFailureSummary
            {
                Count = escrows.References.Sum(group => group.Count),
                Pending = escrows.PendingReferences,
                Groups = await GroupsAsync(job.Id, escrows.References, selfHealing: true, cancellationToken).ConfigureAwait(false),
            },
            Skipped = await SkippedAsync(job, cancellationToken).ConfigureAwait(false),
            PendingDeletions = new PendingDeletionSummary
            {
                Count = escrows.PendingDeletions,
                Approved = escrows.ApprovedDeletions,
                Threshold = DeletionProtection.Threshold(job, secrets),
                Examples = [.. escrows.DeletionExamples.Select(Example)],
                RecommendedAction = DeletionAction,
            },
        };
        return report with { Checks = TroubleshootingChecklist.Evaluate(report) };
    }

    private async Task<DiagnosisJobState> StateAsync(StoredJob job, JobSecrets secrets, CancellationToken cancellationToken)
    {
        var status = job.Job.Status;
        long? assigned = secrets.SyncAll
            ? null
            : (await AssignmentSnapshot.ReadAsync(_directory, job.ServicePrincipalId, cancellationToken).ConfigureAwait(false)).Entitled.LongCount();
        return new DiagnosisJobState
        {
            StatusCode = status.Code,
            ScheduleState = job.Job.Schedule.State,
            Interval = job.Job.Schedule.Interval,
            LastExecution = status.LastExecution,
            Quarantine = status.Quarantine is { } quarantine
                ? new DiagnosisQuarantine
                {
                    Reason = quarantine.Reason,
                    SeriesBegan = quarantine.SeriesBegan,
                    CurrentBegan = quarantine.CurrentBegan,
                    NextAttempt = quarantine.NextAttempt,
                    SeriesCount = quarantine.SeriesCount,
                    Error = quarantine.Error,
                    RecommendedAction = QuarantineRules.RecommendedAction(quarantine),
                }
                : null,
            SyncAll = secrets.SyncAll,
            CredentialsConfigured = secrets.IsConfigured,
            AssignedObjects = assigned,
            DirectoryUsers = await _directory.CountAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User }, cancellationToken).ConfigureAwait(false),
            ProvisionedByType = await _engine.Store.CountEntriesAsync(job.Id, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Test Connection with the saved credentials, bounded by <see cref="TestConnectionTimeout"/>.</summary>
    private async Task<ConnectionTestResult> TestConnectionAsync(Guid servicePrincipalId, string jobId, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TestConnectionTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await _engine.ValidateCredentialsAsync(servicePrincipalId, jobId, null, useSavedCredentials: true, linked.Token).ConfigureAwait(false);
            return result.Error is { } error
                ? new ConnectionTestResult { Succeeded = false, Code = error.Code, Message = error.Message }
                : new ConnectionTestResult { Succeeded = true };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionTestResult
            {
                Succeeded = false,
                Code = ScimErrorCodes.Timeout,
                Message = $"Test Connection did not finish within {TestConnectionTimeout.TotalSeconds:0} seconds: check the tenant URL and that the target answers.",
            };
        }
    }

    /// <summary>
    /// The groups, largest first, each with the recommended action of an example's latest failed log entry (the object's
    /// own advice, from the failure's classification) or, when none says, the advice for the code.
    /// </summary>
    private async Task<IReadOnlyList<FailureGroup>> GroupsAsync(string jobId, IEnumerable<EscrowTallies.Group> groups, bool selfHealing, CancellationToken cancellationToken)
    {
        var result = new List<FailureGroup>();
        foreach (var group in groups.OrderByDescending(group => group.Count).ThenBy(group => group.ErrorCode, StringComparer.Ordinal))
        {
            string? action = null;
            foreach (var example in group.Examples)
            {
                var page = await _engine.Store.QueryLogsAsync(new ProvisioningLogQuery
                {
                    JobId = jobId,
                    IdentityId = example.SourceId.ToString("D"),
                    Status = ProvisioningResult.Failure,
                    Top = 1,
                }, cancellationToken).ConfigureAwait(false);
                if (page.Entries.FirstOrDefault()?.ProvisioningStatusInfo.ErrorInformation?.RecommendedAction is { Length: > 0 } logged)
                {
                    action = logged;
                    break;
                }
            }

            result.Add(new FailureGroup
            {
                ErrorCode = group.ErrorCode,
                Count = group.Count,
                SelfHealing = selfHealing,
                RecommendedAction = action ?? FailureAdvice.For(group.ErrorCode),
                Examples = [.. group.Examples.Select(Example)],
            });
        }

        return result;
    }

    /// <summary>The last cycle's skipped entries (at most <see cref="SkippedRowLimit"/>), by error code and reason.</summary>
    private async Task<SkippedSummary> SkippedAsync(StoredJob job, CancellationToken cancellationToken)
    {
        if (job.Job.Status.LastExecution?.ActivityIdentifier is not { Length: > 0 } cycleId)
        {
            return new SkippedSummary { Count = 0, Truncated = false, Groups = [] };
        }

        var groups = new Dictionary<(string Code, string? Reason), (long Count, List<SkippedObject> Examples)>();
        long read = 0;
        var truncated = false;
        ProvisioningLogCursor? after = null;
        while (true)
        {
            var page = await _engine.Store.QueryLogsAsync(new ProvisioningLogQuery
            {
                JobId = job.Id,
                CycleId = cycleId,
                Status = ProvisioningResult.Skipped,
                Top = (int)Math.Min(LogPageSize, SkippedRowLimit - read),
                After = after,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                var error = entry.ProvisioningStatusInfo.ErrorInformation;
                var key = (error?.ErrorCode ?? "Skipped", Generalize(error?.Reason, entry.SourceIdentity.DisplayName));
                var (count, examples) = groups.TryGetValue(key, out var found) ? found : (0L, new List<SkippedObject>());
                if (examples.Count < ExampleLimit)
                {
                    examples.Add(new SkippedObject
                    {
                        SourceId = entry.SourceIdentity.Id,
                        DisplayName = entry.SourceIdentity.DisplayName,
                        ObjectType = entry.SourceIdentity.IdentityType,
                        Reason = error?.Reason,
                        ActivityDateTime = entry.ActivityDateTime,
                    });
                }

                groups[key] = (count + 1, examples);
            }

            read += page.Entries.Count;
            if (page.Next is not { } next || page.Entries.Count == 0)
            {
                break;
            }

            if (read >= SkippedRowLimit)
            {
                truncated = true;
                break;
            }

            after = next;
        }

        return new SkippedSummary
        {
            CycleId = cycleId,
            Count = read,
            Truncated = truncated,
            Groups =
            [
                .. groups.OrderByDescending(pair => pair.Value.Count).ThenBy(pair => pair.Key.Code, StringComparer.Ordinal).ThenBy(pair => pair.Key.Reason, StringComparer.Ordinal)
                    .Select(pair => new SkippedGroup { ErrorCode = pair.Key.Code, Reason = pair.Key.Reason, Count = pair.Value.Count, Examples = pair.Value.Examples }),
            ],
        };
    }

    /// <summary>The reason without the object's own name, so that objects skipped for the same reason group together.</summary>
    private static string? Generalize(string? reason, string? displayName) =>
        reason is not null && displayName is { Length: > 0 } name ? reason.Replace(name, "{name}", StringComparison.Ordinal) : reason;

    private static EscrowedObject Example(EscrowEntry escrow) => new()
    {
        SourceId = escrow.SourceId,
        ObjectType = escrow.ObjectType,
        DisplayName = escrow.DisplayName,
        Action = escrow.Action,
        Reason = escrow.Reason,
        FirstFailure = escrow.FirstFailure,
        Attempts = escrow.Attempts,
        NextRetry = escrow.NextRetry,
    };

    /// <summary>The job's escrows read once: failures by kind and code (counts and the first examples), references pending, deletions held.</summary>
    private sealed class EscrowTallies
    {
        public sealed class Group(string errorCode)
        {
            public string ErrorCode { get; } = errorCode;

            public long Count { get; set; }

            public List<EscrowEntry> Examples { get; } = [];
        }

        private readonly Dictionary<string, Group> _objects = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Group> _references = new(StringComparer.Ordinal);
        private readonly List<EscrowEntry> _pending = [];
        private readonly List<EscrowEntry> _approved = [];

        public IEnumerable<Group> Objects => _objects.Values;

        public IEnumerable<Group> References => _references.Values;

        public long PendingReferences { get; private set; }

        public long PendingDeletions { get; private set; }

        public long ApprovedDeletions { get; private set; }

        /// <summary>Held deletions first, then approved ones, up to <see cref="ExampleLimit"/>.</summary>
        public IEnumerable<EscrowEntry> DeletionExamples => _pending.Concat(_approved).Take(ExampleLimit);

        public static async Task<EscrowTallies> ReadAsync(ISynchronizationStore store, string jobId, CancellationToken cancellationToken)
        {
            var tallies = new EscrowTallies();
            await foreach (var escrow in store.ReadEscrowsAsync(jobId, cancellationToken).ConfigureAwait(false))
            {
                switch (escrow.Kind)
                {
                    case EscrowKind.Object:
                        Add(tallies._objects, escrow);
                        break;
                    // seed 000: a reference merely waiting for its object is not a failure
                    case EscrowKind.Reference when escrow.ErrorCode == ProvisioningErrorCodes.ReferencePending:
                        tallies.PendingReferences++;
                        break;
                    case EscrowKind.Reference:
                        Add(tallies._references, escrow);
                        break;
                    case EscrowKind.PendingDeletion:
                        tallies.PendingDeletions++;
                        AddExample(tallies._pending, escrow);
                        break;
                    case EscrowKind.ApprovedDeletion:
                        tallies.ApprovedDeletions++;
                        AddExample(tallies._approved, escrow);
                        break;
                }
            }

            return tallies;
        }

        private static void Add(Dictionary<string, Group> groups, EscrowEntry escrow)
        {
            if (!groups.TryGetValue(escrow.ErrorCode, out var group))
            {
                groups[escrow.ErrorCode] = group = new Group(escrow.ErrorCode);
            }

            group.Count++;
            AddExample(group.Examples, escrow);
        }

        private static void AddExample(List<EscrowEntry> examples, EscrowEntry escrow)
        {
            if (examples.Count < ExampleLimit)
            {
                examples.Add(escrow);
            }
        }
    }
}
