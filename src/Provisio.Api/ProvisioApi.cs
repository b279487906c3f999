using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisio.Api.Audit;
using Provisio.Api.Authentication;
using Provisio.Api.Directory;
using Provisio.Api.Errors;
using Provisio.Api.Synchronization;

namespace Provisio.Api;

/// <summary>The HTTP surface: request ids, health, authentication (admin keys and OAuth 2.0 client credentials, ProvisioAuthentication), the token endpoint, and the Graph-shaped endpoints under <c>/v1.0</c> and <c>/beta</c>.</summary>
public static class ProvisioApi
{
    public static WebApplication MapProvisioApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(RequestIds.Middleware);
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(AuditInitiators.Middleware);
        app.MapGet("/healthz", () => Results.Text("Healthy")).AllowAnonymous();
        app.MapGet("/readyz", () => Results.Text("Ready")).AllowAnonymous();
        app.MapTokenEndpoints();
        app.MapProvisioOpenApi();
        foreach (var prefix in new[] { "/v1.0", "/beta" })
        {
            var version = app.MapGroup(prefix);
            version.MapUsers();
            version.MapDeletedItems();
            version.MapGroups();
            version.MapChangeFeed();
            version.MapApplicationTemplates();
            version.MapApplications();
            version.MapSynchronizationTemplates();
            version.MapSynchronizationJobs();
            version.MapSynchronizationDiagnosis();
            version.MapSynchronizationSchema();
            version.MapSynchronizationSecrets();
            version.MapProvisionOnDemand();
            version.MapProvisioningLogs();
            version.MapDirectoryAudits();
            version.MapClusterNodes();
        }

        // Any path, dotted last segments included (MapFallback's default pattern skips "files", so an unknown OData cast
        // such as /directory/deletedItems/graph.application would get an empty 404 instead of Graph's error body).
        app.MapFallback("{*path}", (HttpContext context) => GraphError.Create(StatusCodes.Status404NotFound, "BadRequest",
            $"Resource not found for the segment '{context.Request.Path}'."));
        return app;
    }
}
