namespace Provisio.Synchronization.Audit;

/// <summary>Graph's <c>modifiedProperty</c> of a <see cref="TargetResource"/>: a property's name with its value before and after.</summary>
public sealed record AuditModifiedProperty(string? DisplayName, string? OldValue, string? NewValue);
