namespace Provisio.Synchronization.Source;

/// <summary>One entry of the application's <c>appRoles</c>, as declared (Graph's appRole resource).</summary>
public sealed record DeclaredAppRole(Guid Id, string? Value, string? DisplayName, bool IsEnabled);
