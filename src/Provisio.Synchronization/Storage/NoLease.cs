namespace Provisio.Synchronization.Storage;

/// <summary>The lease of a store that one process owns: nothing to let go of.</summary>
internal sealed class NoLease : IAsyncDisposable
{
    public static NoLease Instance { get; } = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
