using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Provisio.Api.Authentication;

/// <summary>
/// Authentication and authorization, wired with ASP.NET Core's own: a bearer value that is an admin key goes to
/// <see cref="AdminKeyAuthenticationHandler"/>, anything else to the JWT bearer handler (our ES256 tokens: signature,
/// issuer, audience, lifetime with <see cref="ProvisioAuthenticationOptions.ClockSkew"/>, and the client still
/// registered). One fallback policy, <see cref="ProvisioAccessRequirement"/>, covers every endpoint not marked
/// anonymous; <see cref="GraphAuthorizationResultHandler"/> writes the 401 and 403 bodies.
/// </summary>
public static class ProvisioAuthentication
{
    public const string Scheme = "Provisio";

    public static IServiceCollection AddProvisioAuthentication(this IServiceCollection services, IConfiguration configuration, AdminKeys adminKeys)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(adminKeys);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(adminKeys);
        services.AddSingleton<ApiClientRegistry>();
        services.AddSingleton<AccessTokenSigningKey>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddOptions<ProvisioAuthenticationOptions>().Bind(configuration.GetSection(ProvisioAuthenticationOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Admin key or access token", options => options.ForwardDefaultSelector = context =>
                AdminKeyAuthenticationHandler.IsAdminKey(context, context.RequestServices.GetRequiredService<AdminKeys>())
                    ? AdminKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokenSigningKey, IOptions<ProvisioAuthenticationOptions>, TimeProvider>(ConfigureJwtBearer);

        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ProvisioAccessRequirement())
            .Build());
        services.AddSingleton<IAuthorizationHandler, ProvisioAccessRequirement>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GraphAuthorizationResultHandler>();
        return services;
    }

    /// <summary>Loads (or creates, at first start) the token signing key; the host awaits it before it starts.</summary>
    public static async Task InitializeProvisioAuthenticationAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.GetRequiredService<AccessTokenSigningKey>().LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void ConfigureJwtBearer(JwtBearerOptions options, AccessTokenSigningKey signingKey, IOptions<ProvisioAuthenticationOptions> settings, TimeProvider timeProvider)
    {
        options.TimeProvider = timeProvider;
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Value.Issuer,
            ValidAudience = settings.Value.Audience,
            IssuerSigningKeyResolver = (_, _, _, _) => [signingKey.SecurityKey],
            ValidAlgorithms = [AccessTokenSigningKey.Algorithm],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            // IdentityModel reads the system clock; this reads the host's TimeProvider (tests move it).
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = timeProvider.GetUtcNow().UtcDateTime;
                return expires is { } end && end > now - parameters.ClockSkew && (notBefore is not { } start || start <= now + parameters.ClockSkew);
            },
            ValidateIssuerSigningKey = true,
            ClockSkew = ProvisioAuthenticationOptions.ClockSkew,
            NameClaimType = "appid",
            RoleClaimType = "roles",
        };
        options.Events = new JwtBearerEvents
        {
            // A removed client's tokens stop working once the registry's copy is refreshed (ApiClientRegistry.CacheLifetime).
            OnTokenValidated = async context =>
            {
                var clientId = context.Principal?.FindFirst("appid")?.Value;
                var roles = context.Principal?.FindAll("roles").Select(claim => claim.Value).ToList() ?? [];
                var registry = context.HttpContext.RequestServices.GetRequiredService<ApiClientRegistry>();
                if (clientId is null || roles.Count != 1 || !await registry.IsRegisteredAsync(clientId, roles[0], context.HttpContext.RequestAborted).ConfigureAwait(false))
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProvisioAuthentication))
                        .ClientNoLongerRegistered(clientId ?? "");
                    context.Fail("The client is no longer registered with the token's role.");
                }
            },
        };
    }
}
