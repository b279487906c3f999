using System.Text.Json.Nodes;

namespace Provisio.Directory.Model;

/// <summary>
/// A user, group or service principal: its id, its Graph properties by Graph name (<c>userPrincipalName</c>,
/// <c>displayName</c>, ...), when it was soft-deleted, and the change-feed sequence of its latest write.
/// </summary>
public sealed record DirectoryObject(Guid Id, DirectoryObjectKind Kind, JsonObject Properties, DateTimeOffset CreatedDateTime,
    DateTimeOffset? DeletedDateTime, long Sequence)
{
    /// <summary>Soft-deleted: restorable, and what Entra's <c>IsSoftDeleted</c> reads as true.</summary>
    public bool IsSoftDeleted => DeletedDateTime is not null;

    public string? this[string property] => Properties[property] is JsonValue value ? value.ToString() : null;
}
