namespace Provisio.Synchronization.Storage;

/// <summary>
/// What resolving a reference needs of a connector data store entry: the linked object's type and its id in the target,
/// without the values it last received (<see cref="ISynchronizationStore.GetLinksAsync"/>).
/// </summary>
public readonly record struct ConnectorLink(string ObjectType, string TargetId)
{
    public static ConnectorLink Of(ConnectorEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ConnectorLink(entry.ObjectType, entry.TargetId);
    }
}
