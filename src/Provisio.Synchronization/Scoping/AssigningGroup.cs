namespace Provisio.Synchronization.Scoping;

/// <summary>
/// The group an assignment comes through: its id, whether it is a security group, and whether the object is a direct
/// member of it (the caller reads both from the directory).
/// </summary>
public sealed record AssigningGroup(string Id, bool SecurityEnabled, bool IsDirectMember);
