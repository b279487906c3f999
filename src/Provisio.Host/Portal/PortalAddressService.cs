using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Provisio.Synchronization;

namespace Provisio.Host.Portal;

/// <summary>
/// Tells the engine where the portal is, for the links in its notification e-mails: <c>Provisio:PortalUrl</c> when set
/// (the address people reach, behind a proxy or a load balancer), else the first address the service listens on.
/// </summary>
internal sealed class PortalAddressService(SynchronizationEngine engine, IConfiguration configuration, IServer server) : IHostedLifecycleService
{
    public const string Setting = "Provisio:PortalUrl";

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (configuration[Setting] is { Length: > 0 } configured && Uri.TryCreate(configured.EndsWith('/') ? configured : configured + "/", UriKind.Absolute, out var address))
        {
            engine.PortalAddress = address;
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (engine.PortalAddress is null && server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } listening
            && Uri.TryCreate(listening.TrimEnd('/') + "/", UriKind.Absolute, out var address))
        {
            engine.PortalAddress = address;
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
