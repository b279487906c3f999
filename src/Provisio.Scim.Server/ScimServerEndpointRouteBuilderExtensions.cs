using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisio.Scim.Server.Endpoints;
using Provisio.Scim.Server.Pipeline;
using Provisio.Scim.Server.Resources;

namespace Provisio.Scim.Server;

public static class ScimServerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the reference SCIM server registered by <see cref="ScimServerServiceCollectionExtensions.AddScimServer"/>
    /// under <paramref name="pathPrefix"/>: Users, Groups and discovery at <c>/scim/v2</c> and at the root (reference
    /// B.1: Entra appends <c>/Users</c> to whatever tenant URL it is given), each behind the request log, the bearer
    /// token and the fault profiles; <c>/_faults</c> and <c>/_requests</c> behind the token only; with
/// <see cref="ScimServerOptions.OAuth"/>, the authorization server at <c>/oauth2/authorize</c> and <c>/oauth2/token</c>. Loads the snapshot
    /// of <see cref="ScimServerOptions.DataFile"/> now, so a bad file fails at start.
    /// </summary>
    public static RouteGroupBuilder MapScimServer(this IEndpointRouteBuilder endpoints, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        pathPrefix = pathPrefix.TrimEnd('/');
        var services = endpoints.ServiceProvider;
        var state = services.GetRequiredService<ScimServerState>();
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var requestLog = new RequestLogFilter(state);
        var bearer = new BearerTokenFilter(state);
        var faults = new FaultInjectionFilter(state, lifetime);

        var root = endpoints.MapGroup(pathPrefix);
        foreach (var prefix in new[] { "/scim/v2", string.Empty })
        {
            var scim = root.MapGroup(prefix);
            scim.AddEndpointFilter(requestLog).AddEndpointFilter(bearer).AddEndpointFilter(faults);
            ResourceEndpoints.Map(scim, pathPrefix + prefix, ScimResourceKind.User);
            ResourceEndpoints.Map(scim, pathPrefix + prefix, ScimResourceKind.Group);
            DiscoveryEndpoints.Map(scim, pathPrefix + prefix);
        }

        if (state.OAuth is not null)
        {
            OAuthEndpoints.Map(root, pathPrefix);
        }

        var admin = root.MapGroup(string.Empty);
        admin.AddEndpointFilter(bearer);
        FaultEndpoints.Map(admin);
        RequestLogEndpoints.Map(admin);
        return root;
    }
}
