using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Portal.Authentication;
using Provisio.Portal.Components;
using Provisio.Portal.Model;

namespace Provisio.Portal;

/// <summary>
/// The portal in the service: Blazor components rendered on the server (static SSR: every page is plain HTML with forms,
/// enhanced by blazor.web.js when it loads), its cookie sign-in, and its static files. Pages read and act through the
/// engine and the directory directly, the same objects the Graph API uses, so what the portal shows is what the API returns.
/// </summary>
public static class PortalHosting
{
    /// <param name="authentication">The service's authentication builder: the portal adds its cookie scheme to it.</param>
    public static IServiceCollection AddProvisioPortal(this IServiceCollection services, AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(authentication);
        authentication.AddPortalCookie();
        services.AddRazorComponents();
        services.AddAntiforgery(options => options.Cookie.Name = "provisio.antiforgery");
        services.AddScoped<PortalData>();
        return services;
    }

    /// <summary>Maps the pages at <c>/</c> and the static files; call after the API so its middleware runs first.</summary>
    /// <param name="staticAssetsManifest">The host's <c>*.staticwebassets.endpoints.json</c> (by the host's assembly name, so
    /// that a process embedding the host, a test for one, finds it too).</param>
    public static WebApplication MapProvisioPortal(this WebApplication app, string staticAssetsManifest)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapStaticAssets(staticAssetsManifest).AllowAnonymous();
        // The logs' download (PortalRoutes.LogsExport): a file, not a page, behind the same cookie as the pages.
        app.MapGet("/applications/{id:guid}/logs/export", PortalLogDownload.GetAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = PortalAuthentication.Scheme })
            .ExcludeFromDescription();
        // Authorize's way back from an OAuth application (PortalAuthorization): the callback is anonymous and only
        // bounces to the completion, which takes the portal's cookie as the pages do.
        app.MapGet("/" + PortalAuthorization.CallbackPath, PortalAuthorization.Callback).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/" + PortalAuthorization.CallbackPath + "/complete", PortalAuthorization.CompleteAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = PortalAuthentication.Scheme })
            .ExcludeFromDescription();
        // The framework's script (_framework/blazor.web.js) is an endpoint of the components too; like the static files
        // it is public, while the pages carry [Authorize] for the portal's cookie.
        app.MapRazorComponents<App>().Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && pattern.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return app;
    }
}
