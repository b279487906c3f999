using System.Text.Json.Nodes;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// One row of the connector data store (reference entra-engine-and-api §1.1): a source object linked to its target
/// object, with what the target last received, so later cycles address the object by id and export only what differs.
/// </summary>
public sealed record ConnectorEntry
{
    public required Guid SourceId { get; init; }

    /// <summary>The source object type, <c>User</c> or <c>Group</c> (the object mapping's <c>sourceObjectName</c>).</summary>
    public required string ObjectType { get; init; }

    /// <summary>The object's <c>id</c> in the target.</summary>
    public required string TargetId { get; init; }

    public ConnectorEntryState State { get; init; }

    /// <summary>How logs and the portal name the object (a user's userPrincipalName, a group's displayName).</summary>
    public string? DisplayName { get; init; }

    /// <summary>The attribute values the target last received (<c>ExportedValues.ToJson()</c>).</summary>
    public JsonObject ExportedValues { get; init; } = [];

    /// <summary>
    /// The references the target last received, by target attribute: <c>{"manager":["{targetId}"],
    /// "members":["{targetId}", ...]}</c>, in target ids.
    /// </summary>
    public JsonObject ExportedReferences { get; init; } = [];

    public DateTimeOffset LastModified { get; init; }
}
