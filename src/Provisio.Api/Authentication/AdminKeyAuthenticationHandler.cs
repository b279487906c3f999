using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Provisio.Api.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;admin key&gt;</c> (the configured <c>Provisio:AdminKey</c> or a stored key): an
/// <see cref="ProvisioRoles.Administrator"/>. <see cref="ProvisioAuthentication"/> sends a bearer value here only when
/// <see cref="IsAdminKey"/> accepts it; anything else goes to the JWT bearer handler.
/// </summary>
public sealed class AdminKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, AdminKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";

    /// <summary>The client id an admin key's requests carry (audit and logs show it instead of a key).</summary>
    public const string ClientId = "admin-key";

    public static bool IsAdminKey(HttpContext context, AdminKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return BearerValue(context) is { } value && keys.Accepts(value);
    }

    /// <summary>The value of <c>Authorization: Bearer VALUE</c>, or null.</summary>
    public static string? BearerValue(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.FirstOrDefault();
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim() is { Length: > 0 } value
            ? value
            : null;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!IsAdminKey(Context, keys))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim("appid", ClientId), new Claim("roles", ProvisioRoles.Administrator)], SchemeName, "appid", "roles");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
