using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Portal.Authentication;
using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Jobs;

namespace Provisio.Portal.Model;

/// <summary>
/// The portal's Authorize for OAuth 2.0 authorization-code targets (issue 11; RFC 6749 §4.1 with PKCE, RFC 7636):
/// <see cref="Begin"/> makes a state and a code verifier, keeps them server-side in a protected, HTTP-only cookie that
/// lives ten minutes and names the signed-in administrator, and returns the target's authorization URL to redirect to.
/// The target redirects back to <c>oauth2/callback</c>, which only bounces to <c>oauth2/callback/complete</c> from the
/// portal's own page (the sign-in cookie is SameSite strict, so a request arriving from the target's site lacks it);
/// there, signed in again, the state is checked, the code exchanged by the engine (which saves and audits the refresh
/// token), and the browser sent back to Settings.
/// </summary>
public static class PortalAuthorization
{
    public const string CallbackPath = "oauth2/callback";

    private const string CompletePath = "oauth2/callback/complete";
    private const string CookieName = "provisio.oauth";
    private const string Purpose = "Provisio.Portal.OAuthAuthorization.v1";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The redirect URI to register with the application and send to it: under <c>Provisio:PortalUrl</c> when set (the
    /// address people reach, behind a proxy), else under the address this request came to.
    /// </summary>
    public static Uri RedirectUri(HttpContext httpContext, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var configured = httpContext.RequestServices.GetService<IConfiguration>()?["Provisio:PortalUrl"];
        var root = configured is { Length: > 0 } && Uri.TryCreate(configured.TrimEnd('/') + "/", UriKind.Absolute, out var portal) ? portal : new Uri(baseUri);
        return new Uri(root, CallbackPath);
    }

    /// <summary>Starts an authorization: sets the state cookie and returns where to send the browser.</summary>
    public static Uri Begin(HttpContext httpContext, Guid servicePrincipalId, PortalIdentity identity, Uri authorizationUri, string clientId, Uri redirectUri)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(authorizationUri);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var pending = new Pending(servicePrincipalId, identity.ClientId, Random(), Random(), redirectUri.AbsoluteUri);
        var protector = httpContext.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
        httpContext.Response.Cookies.Append(CookieName, protector.Protect(JsonSerializer.Serialize(pending), Lifetime), new CookieOptions
        {
            HttpOnly = true,
            // Lax: sent on the top-level GET back from the application's site (only to the callback's path).
            SameSite = SameSiteMode.Lax,
            Secure = httpContext.Request.IsHttps,
            Path = (httpContext.Request.PathBase.Value ?? "") + "/" + CallbackPath,
            MaxAge = Lifetime,
            IsEssential = true,
        });

        var parameters = QueryHelpers.ParseQuery(authorizationUri.Query)
            .Where(pair => pair.Key is not ("response_type" or "client_id" or "redirect_uri" or "state" or "code_challenge" or "code_challenge_method"))
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
            .Concat(
            [
                new("response_type", "code"),
                new("client_id", clientId),
                new("redirect_uri", redirectUri.AbsoluteUri),
                new("state", pending.State),
                new("code_challenge", Challenge(pending.Verifier)),
                new("code_challenge_method", "S256"),
            ]);
        return new Uri(QueryHelpers.AddQueryString(authorizationUri.GetLeftPart(UriPartial.Path), parameters));
    }

    /// <summary>
    /// <c>GET oauth2/callback</c>, anonymous: a page that moves on at once to <c>oauth2/callback/complete</c> with the same
    /// query, so that the next request is the portal's own and carries the sign-in cookie. Nothing is done here.
    /// </summary>
    public static IResult Callback(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var next = WebUtility.HtmlEncode((httpContext.Request.PathBase.Value ?? "") + "/" + CompletePath + httpContext.Request.QueryString.Value);
        httpContext.Response.Headers.CacheControl = "no-store";
        return Results.Content($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><meta http-equiv=\"refresh\" content=\"0;url={next}\" />" +
            "<meta name=\"referrer\" content=\"no-referrer\" /><title>Completing the authorization · Provisio</title></head>" +
            $"<body><p>Completing the authorization… <a href=\"{next}\">Continue</a></p></body></html>", "text/html; charset=utf-8");
    }

    /// <summary>
    /// <c>GET oauth2/callback/complete?code&amp;state</c> (or <c>?error</c>), signed in: checks the state against the cookie
    /// and that the same administrator asked, exchanges the code, and redirects to Settings saying what happened.
    /// </summary>
    public static async Task<IResult> CompleteAsync(HttpContext httpContext, PortalData data)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(data);
        var query = httpContext.Request.Query;
        var cookie = httpContext.Request.Cookies[CookieName];
        httpContext.Response.Cookies.Delete(CookieName, new CookieOptions { Path = (httpContext.Request.PathBase.Value ?? "") + "/" + CallbackPath });
        httpContext.Response.Headers.CacheControl = "no-store";
        var pending = Read(httpContext, cookie);
        if (pending is null)
        {
            return Results.Content(Page("The authorization could not be completed",
                "No authorization is in progress in this browser, or it is older than ten minutes. Open the application's Settings and click Authorize again."),
                "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        var settings = (httpContext.Request.PathBase.Value ?? "") + "/" + PortalRoutes.Settings(pending.ServicePrincipalId);
        var identity = PortalAuthentication.Identity(httpContext.User);
        if (identity is not { IsAdministrator: true } || identity.ClientId != pending.ClientId)
        {
            return Back(settings, "failed", "Only the administrator who clicked Authorize can complete it; you are signed in as someone else or as a reader.");
        }

        if (!string.Equals(query["state"].FirstOrDefault(), pending.State, StringComparison.Ordinal))
        {
            return Back(settings, "failed", "The answer's state does not match the authorization started here (RFC 6749 §10.12); nothing was saved. Click Authorize again.");
        }

        if (query["error"].FirstOrDefault() is { Length: > 0 } error)
        {
            var description = query["error_description"].FirstOrDefault();
            return Back(settings, "failed", $"The application did not authorize access ({error}{(string.IsNullOrWhiteSpace(description) ? "" : ": " + description)}); nothing was saved.");
        }

        if (query["code"].FirstOrDefault() is not { Length: > 0 } code)
        {
            return Back(settings, "failed", "The application's answer has neither a code nor an error; nothing was saved.");
        }

        var acquired = await data.Engine.AcquireAccessTokenAsync(pending.ServicePrincipalId,
            [new(SynchronizationSecret.Oauth2AuthorizationCode, code), new(SynchronizationSecret.Oauth2RedirectUri, pending.RedirectUri)],
            pending.Verifier, httpContext.RequestAborted).ConfigureAwait(false);
        return acquired.Succeeded
            ? Results.Redirect(settings + "?authorization=granted")
            : Back(settings, "failed", $"{acquired.Error!.Code}: {acquired.Error.Message}");
    }

    private static IResult Back(string settings, string outcome, string reason) =>
        Results.Redirect($"{settings}?authorization={outcome}&reason={Uri.EscapeDataString(reason)}");

    private static Pending? Read(HttpContext httpContext, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            var protector = httpContext.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
            return JsonSerializer.Deserialize<Pending>(protector.Unprotect(cookie, out _));
        }
        catch (CryptographicException)
        {
            return null; // expired, or not one this service made
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Random() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Page(string title, string text) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><title>{WebUtility.HtmlEncode(title)} · Provisio</title></head>" +
        $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p role=\"alert\">{WebUtility.HtmlEncode(text)}</p></body></html>";

    /// <summary>What the cookie holds: never shown, only this service can read it.</summary>
    private sealed record Pending(Guid ServicePrincipalId, string ClientId, string State, string Verifier, string RedirectUri);
}
