using Microsoft.Extensions.Hosting;

namespace Provisio.Scim.Server.Storage;

/// <summary>
/// Keeps <c>--data FILE</c> current: saves every <see cref="ScimServerOptions.SaveInterval"/> when something changed,
/// and once more after the server stopped answering, so the file holds the final state.
/// </summary>
internal sealed class SnapshotSaver(ScimServerState state, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (state.Options.DataFile is null)
        {
            return;
        }

        lifetime.ApplicationStopped.Register(state.SaveIfChanged);
        if (state.Options.SaveInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(state.Options.SaveInterval, state.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                state.SaveIfChanged();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the final save runs when the application has stopped
        }
    }
}
