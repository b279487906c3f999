namespace Provisio.Directory.Model;

/// <summary>
/// <paramref name="SourceId"/> refers to <paramref name="TargetId"/>: user → manager, group → member or owner,
/// service principal → assigned user or group (with <paramref name="AppRoleId"/>, the empty GUID for the default role).
/// </summary>
public sealed record DirectoryReference(Guid SourceId, DirectoryRelation Relation, Guid TargetId, Guid? AppRoleId = null);
