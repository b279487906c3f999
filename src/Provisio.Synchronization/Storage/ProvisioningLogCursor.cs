namespace Provisio.Synchronization.Storage;

/// <summary>The last entry of a page: the next page starts strictly after it in (activityDateTime desc, id desc) order.</summary>
public readonly record struct ProvisioningLogCursor(DateTimeOffset ActivityDateTime, string Id);
