using Microsoft.Extensions.DependencyInjection;
using Provisio.Scim.Server.Storage;

namespace Provisio.Scim.Server;

public static class ScimServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers one reference SCIM server (its store, faults, request log and snapshot saver). Then call
    /// <see cref="ScimServerEndpointRouteBuilderExtensions.MapScimServer"/>; or use <see cref="ScimServer.Create"/>,
    /// which does both on its own Kestrel host.
    /// </summary>
    public static IServiceCollection AddScimServer(this IServiceCollection services, ScimServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException($"The SCIM server options are not usable: {string.Join(" ", errors)}", nameof(options));
        }

        services.AddSingleton(options);
        services.AddSingleton<ScimServerState>();
        services.AddHostedService<SnapshotSaver>();
        return services;
    }
}
