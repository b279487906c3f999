using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Provisio.Api;

/// <summary>
/// The API's description: an OpenAPI 3.1 document at <c>/openapi/v1.json</c> generated from the mapped endpoints, with
/// the bearer scheme (admin keys and client-credentials tokens), and Scalar's interactive reference at <c>/scalar</c>.
/// Both are readable without a token: they describe the API, they hold no data.
/// </summary>
public static class ProvisioOpenApi
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddProvisioOpenApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOpenApi(DocumentName, options => options.AddOperationTransformer(OpenApi.GraphOperationTransformer.TransformAsync).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Provisio",
                Version = "v1.0",
                Description = "Identity provisioning over SCIM 2.0 with Microsoft Graph's synchronization, audit-log and directory API. " +
                    "Authenticate with an admin key or a token from POST /oauth2/v2.0/token (client credentials) as a bearer token.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT or admin key",
                Description = "An admin key, or an access token from POST /oauth2/v2.0/token (grant_type=client_credentials).",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapProvisioOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", options => options.WithTitle("Provisio API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }
}
