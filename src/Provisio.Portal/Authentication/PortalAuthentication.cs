using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Provisio.Portal.Authentication;

/// <summary>
/// The portal's sign-in: a cookie (HTTP-only, SameSite strict, eight hours sliding) issued by the sign-in page after
/// <see cref="IPortalCredentials"/> accepts a key or a client's secret. The API never reads it: the Graph surface takes
/// bearer credentials only, so a browser session cannot be used against it across sites.
/// </summary>
public static class PortalAuthentication
{
    public const string Scheme = "ProvisioPortal";

    public const string SignInPath = "/signin";

    private const string ClientIdClaim = "appid";
    private const string RoleClaim = "roles";
    private const string NameClaim = "name";

    public static AuthenticationBuilder AddPortalCookie(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "provisio.portal";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.LogoutPath = "/signout";
            options.AccessDeniedPath = SignInPath;
            options.Events.OnValidatePrincipal = ValidateAsync;
        });
    }

    public static ClaimsPrincipal Principal(PortalIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClientIdClaim, identity.ClientId), new Claim(NameClaim, identity.DisplayName), new Claim(RoleClaim, identity.Role)],
            Scheme, NameClaim, RoleClaim));
    }

    /// <summary>The identity a principal carries; null when it is not signed in to the portal.</summary>
    public static PortalIdentity? Identity(ClaimsPrincipal? principal) =>
        principal?.Identity is { IsAuthenticated: true } && principal.FindFirst(ClientIdClaim)?.Value is { } clientId
            ? new PortalIdentity(clientId, principal.FindFirst(NameClaim)?.Value ?? clientId, principal.FindFirst(RoleClaim)?.Value ?? PortalRoles.Reader)
            : null;

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var credentials = context.HttpContext.RequestServices.GetRequiredService<IPortalCredentials>();
        if (Identity(context.Principal) is not { } identity || !await credentials.IsStillValidAsync(identity, context.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
        }
    }
}
