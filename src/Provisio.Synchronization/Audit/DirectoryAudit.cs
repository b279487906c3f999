namespace Provisio.Synchronization.Audit;

/// <summary>
/// Graph's <c>directoryAudit</c>: one audited activity (a job quarantined, a schema saved, a notification e-mail sent),
/// as <c>GET /auditLogs/directoryAudits</c> returns it. Entra's provisioning writes its own with
/// <see cref="LoggedByService"/> <c>"Account Provisioning"</c> and <see cref="Category"/> <c>"ProvisioningManagement"</c>.
/// </summary>
public sealed record DirectoryAudit
{
    /// <summary>Unique; a Guid (Graph: "This is a GUID").</summary>
    public required string Id { get; init; }

    /// <summary>The resource category the activity targets: <c>ProvisioningManagement</c>, <c>ApplicationManagement</c>, ...</summary>
    public required string Category { get; init; }

    /// <summary>Correlates activities across services (a cycle's id, say).</summary>
    public string? CorrelationId { get; init; }

    public OperationResult Result { get; init; }

    /// <summary>Why, when <see cref="Result"/> is a failure or a timeout.</summary>
    public string? ResultReason { get; init; }

    /// <summary>The activity's name, as Entra's audit categories and activities list them.</summary>
    public required string ActivityDisplayName { get; init; }

    public required DateTimeOffset ActivityDateTime { get; init; }

    /// <summary>Which service logged it: <c>Account Provisioning</c>, <c>Core Directory</c>, ...</summary>
    public required string LoggedByService { get; init; }

    /// <summary><c>Add</c>, <c>Assign</c>, <c>Update</c>, <c>Unassign</c>, <c>Delete</c>, among others.</summary>
    public string? OperationType { get; init; }

    public AuditActivityInitiator InitiatedBy { get; init; } = new();

    public IReadOnlyList<TargetResource> TargetResources { get; init; } = [];

    public IReadOnlyList<KeyValue> AdditionalDetails { get; init; } = [];
}
