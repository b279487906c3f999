using System.Diagnostics;
using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Scim.Client;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Export;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Scoping;
using Provisio.Synchronization.Source;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// One object on its way through the pipeline: what was read, what each handler decided, the steps it logged and what
/// the cycle must store afterwards. A handler that ends the journey calls <see cref="Complete"/>, <see cref="Skip"/> or
/// <see cref="Fail"/>; the handlers after it do not run.
/// </summary>
public sealed class ProvisioningContext
{
    private readonly List<ProvisioningStep> _steps = [];
    private readonly List<ModifiedProperty> _modified = [];
    private long _started;
    private bool _begun;
    private string? _described;

    /// <param name="referencesOnly">
    /// Only the references of a linked object are resolved again (its entry as the starting point, no import or mapping);
    /// an object not linked has nothing to do and logs nothing.
    /// </param>
    public ProvisioningContext(CycleContext cycle, ObjectPlan plan, Guid sourceId, DirectoryObject? source, ConnectorEntry? entry, bool referencesOnly = false)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(plan);
        Cycle = cycle;
        Plan = plan;
        SourceId = sourceId;
        Source = source;
        Entry = entry;
        TargetId = entry?.TargetId;
        DisplayName = source is null ? entry?.DisplayName : ReportableName(plan, source);
        _started = Stopwatch.GetTimestamp();
        ActivityDateTime = cycle.TimeProvider.GetUtcNow();
        if (referencesOnly)
        {
            if (entry is null)
            {
                Silence();
            }
            else
            {
                Action = ProvisioningAction.Update;
                NewEntry = entry;
            }
        }
    }

    public CycleContext Cycle { get; }

    public ObjectPlan Plan { get; }

    public Guid SourceId { get; }

    /// <summary>The object in its latest state; null when it was permanently deleted from the directory.</summary>
    public DirectoryObject? Source { get; private set; }

    /// <summary>The connector data store entry before this cycle touched it.</summary>
    public ConnectorEntry? Entry { get; }

    public DateTimeOffset ActivityDateTime { get; private set; }

    /// <summary>A user's userPrincipalName, a group's displayName (the log's identity, Entra's ReportableIdentifier).</summary>
    public string? DisplayName { get; }

    public EntraSourceFacts Facts { get; set; } = EntraSourceFacts.Default;

    public ScopeDecision? Scope { get; set; }

    /// <summary>A user disabled in the source (accountEnabled false) but entitled: created or updated with active false.</summary>
    public bool DisabledInSource { get; set; }

    public ProvisioningAction Action { get; set; } = ProvisioningAction.Other;

    public string? TargetId { get; set; }

    /// <summary>The target object found by matching (an update then starts from the values it holds).</summary>
    public JsonObject? Matched { get; set; }

    public MappedObject? Mapped { get; set; }

    public CreateExport? Create { get; set; }

    public UpdateExport? Update { get; set; }

    /// <summary>Whether any request changed the target for this object (attributes or references).</summary>
    public bool Exported { get; set; }

    public bool IsDone { get; private set; }

    /// <summary>Nothing to log (an unassigned object that was never provisioned, a deleted object never linked).</summary>
    public bool IsSilent { get; private set; }

    public ProvisioningResult Status { get; private set; } = ProvisioningResult.Success;

    public ProvisioningErrorInfo? Error { get; private set; }

    /// <summary>The failure's classification when the target refused; <see cref="ScimFailure.AffectsWholeJob"/> stops the cycle.</summary>
    public ScimFailure? Failure { get; private set; }

    /// <summary>Which kind of escrow a failure raises.</summary>
    public EscrowKind FailureKind { get; private set; }

    /// <summary>The connector data store entry to write after this object (null: leave it).</summary>
    public ConnectorEntry? NewEntry { get; set; }

    public bool RemoveEntry { get; set; }

    /// <summary>
    /// The links of connector data store entries the cycle read for this object's page (the page's objects and the
    /// objects they reference), so reference resolution needs no query per object.
    /// </summary>
    public IReadOnlyDictionary<Guid, ConnectorLink> Known { get; set; } = new Dictionary<Guid, ConnectorLink>();

    /// <summary>Whether an unresolved reference may wait for a later phase of this cycle (its object may come later).</summary>
    public bool MayDeferReferences { get; set; }

    /// <summary>The ids of the objects processed with this one (its page).</summary>
    public IReadOnlySet<Guid> PageIds { get; set; } = new HashSet<Guid>();

    /// <summary>A reference to an object of the same page, not linked yet: resolve it again once the page's objects are exported.</summary>
    public bool RetryReferences { get; set; }

    /// <summary>The page's objects are exported: an object of the page still not linked is not waited for any more.</summary>
    public bool PageSettled { get; set; }

    /// <summary>A reference whose object comes later in this cycle: resolve it again before the cycle ends.</summary>
    public bool ReferencePending { get; set; }

    public IReadOnlyList<ProvisioningStep> Steps => _steps;

    public IReadOnlyList<ModifiedProperty> ModifiedProperties => _modified;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public string TypeName => Plan.ObjectType;

    /// <summary>How descriptions name the object: <c>User 'ann@contoso.com'</c>.</summary>
    public string Described => _described ??= DisplayName is null ? TypeName : $"{TypeName} '{DisplayName}'";

    public void Step(string name, ProvisioningStepType type, ProvisioningResult status, string description, IReadOnlyDictionary<string, string>? details = null) =>
        _steps.Add(new ProvisioningStep
        {
            Name = name,
            ProvisioningStepType = type,
            Status = status,
            Description = description,
            Details = details ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty,
        });

    public void Modified(IEnumerable<ModifiedProperty> properties) => _modified.AddRange(properties);

    public void Complete() => IsDone = true;

    /// <summary>Not processed at all: the job failed before this object's turn; the cycle reads it again on resume.</summary>
    public bool IsAbandoned { get; private set; }

    public void Abandon()
    {
        IsAbandoned = true;
        IsDone = true;
    }

    /// <summary>A delete or disable held back by accidental-deletion protection: nothing sent, the deletion kept pending.</summary>
    public bool IsStaged { get; private set; }

    /// <summary>The delete or disable this object would get; the cycle sends it, or keeps it pending, once it has counted them all.</summary>
    public void Stage()
    {
        IsStaged = true;
        Step(StepNames.EntrySynchronizationStaged, ProvisioningStepType.Processing, ProvisioningResult.Skipped,
            $"The {(Action == ProvisioningAction.Delete ? "deletion" : "disable")} of {Described} is held until the cycle has counted its deletions (accidental-deletion protection).");
        IsDone = true;
    }

    /// <summary>The log of a held deletion: skipped, <c>stagedDelete</c>, with why and what to do.</summary>
    public void Hold(string reason)
    {
        Status = ProvisioningResult.Skipped;
        Error = new ProvisioningErrorInfo
        {
            ErrorCode = ProvisioningErrorCodes.DeletionThresholdExceeded,
            Reason = reason,
            RecommendedAction = "Review the pending deletions; approve them with restart resetScope ForceDeletes, or fix the scoping and restart.",
            ErrorCategory = ProvisioningErrorCategory.NonServiceFailure,
        };
    }

    public void Silence()
    {
        IsSilent = true;
        IsDone = true;
    }

    public void Skip(string errorCode, string reason)
    {
        Status = ProvisioningResult.Skipped;
        Error = new ProvisioningErrorInfo { ErrorCode = errorCode, Reason = reason, ErrorCategory = ProvisioningErrorCategory.NonServiceFailure };
        IsDone = true;
    }

    public void Fail(string errorCode, string reason, string? recommendedAction = null, ScimFailure? failure = null, EscrowKind kind = EscrowKind.Object,
        ProvisioningErrorCategory category = ProvisioningErrorCategory.NonServiceFailure)
    {
        Status = ProvisioningResult.Failure;
        Error = new ProvisioningErrorInfo
        {
            ErrorCode = errorCode,
            Reason = reason,
            RecommendedAction = recommendedAction,
            ErrorCategory = category,
            AdditionalDetails = failure?.HttpStatus is { } status ? $"HTTP {status}" : null,
        };
        Failure = failure;
        FailureKind = kind;
        IsDone = true;
        if (kind == EscrowKind.Object)
        {
            // Whatever failed it (matching, mapping, export, a crash), a reference to this object is a reference failure.
            Cycle.Failed.TryAdd(SourceId, 0);
        }
    }

    /// <summary>A reference failed after the object itself was exported: the entry is a failure, the escrow a reference one.</summary>
    public void FailReference(string errorCode, string reason, ScimFailure? failure = null) =>
        Fail(errorCode, reason, failure?.RecommendedAction ?? "The reference is retried on later cycles; once the referenced object is provisioned it is resolved.", failure, EscrowKind.Reference);

    /// <summary>Reopens the journey for the reference pass after the page's objects are exported.</summary>
    internal void Resume() => IsDone = false;

    /// <summary>
    /// The journey starts (the first handler is about to run; a context may be made a page ahead of it): its time and
    /// duration count from here. Only the first call counts: a journey resumed for its page's references goes on.
    /// </summary>
    internal void Begin()
    {
        if (_begun)
        {
            return;
        }

        _begun = true;
        _started = Stopwatch.GetTimestamp();
        ActivityDateTime = Cycle.TimeProvider.GetUtcNow();
    }

    /// <summary>
    /// The journey is over (its handlers have run, the reference pass too): the source object, the target object matched,
    /// the mapped values and the planned export are dropped, so only what the page's write and log need (the new entry,
    /// steps, modified properties, the outcome) stays alive until the page is committed, and less survives a collection.
    /// </summary>
    internal void Release()
    {
        Source = null;
        Matched = null;
        Mapped = null;
        Create = null;
        Update = null;
        Facts = EntraSourceFacts.Default;
    }

    private static string? ReportableName(ObjectPlan plan, DirectoryObject source) =>
        plan.Kind == DirectoryObjectKind.User ? source["userPrincipalName"] ?? source["displayName"] : source["displayName"];
}
