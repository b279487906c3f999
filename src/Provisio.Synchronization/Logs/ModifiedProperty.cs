namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>modifiedProperty</c>: one target attribute's value before and after (strings; old is null when none).</summary>
public sealed record ModifiedProperty(string DisplayName, string? OldValue, string? NewValue);
