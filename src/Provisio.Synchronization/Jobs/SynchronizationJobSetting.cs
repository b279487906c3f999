namespace Provisio.Synchronization.Jobs;

/// <summary>
/// One of a job's <c>synchronizationJobSettings</c>: Graph's <c>keyValuePair</c> (<c>{"name", "value"}</c>), named
/// after its use here because a type called <c>KeyValuePair</c> would clash with the BCL's wherever both are in scope.
/// </summary>
public sealed record SynchronizationJobSetting(string Name, string? Value);
