using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Provisio.Scim.Server.OAuth;

namespace Provisio.Scim.Server.Endpoints;

/// <summary>
/// The minimal OAuth 2.0 authorization server (<see cref="ScimServerOptions.OAuth"/>): <c>GET /oauth2/authorize</c> shows
/// a consent page whose Allow and Deny post back to <c>POST /oauth2/authorize</c>, which redirects with a code or
/// <c>error=access_denied</c>; <c>POST /oauth2/token</c> takes the <c>authorization_code</c> (PKCE S256 required),
/// <c>refresh_token</c> (rotated on each use) and <c>client_credentials</c> grants, the client by HTTP Basic or in the
/// body, and answers RFC 6749 §5.1 tokens or §5.2 errors. Form bodies are read by hand: a host's antiforgery never
/// applies to them.
/// </summary>
internal static class OAuthEndpoints
{
    public static void Map(IEndpointRouteBuilder root, string pathPrefix)
    {
        var action = pathPrefix + "/oauth2/authorize";
        root.MapGet("/oauth2/authorize", (HttpContext http, [FromServices] ScimServerState state) =>
            Authorize(state, AuthorizationRequest.From(http.Request.Query), decision: null, action));
        root.MapPost("/oauth2/authorize", async (HttpContext http, [FromServices] ScimServerState state) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return Html(StatusCodes.Status400BadRequest, ConsentPage.Refused("Post the consent form (application/x-www-form-urlencoded)."));
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            return Authorize(state, AuthorizationRequest.From(form), form["decision"].FirstOrDefault() ?? string.Empty, action);
        });
        root.MapPost("/oauth2/token", TokenAsync);
    }

    private static IResult Authorize(ScimServerState state, Func<string, string?> value, string? decision, string action)
    {
        var authority = state.OAuth!;
        var request = AuthorizationRequest.Read(value, authority, out var fatal, out var redirect);
        if (fatal is not null)
        {
            return Html(StatusCodes.Status400BadRequest, ConsentPage.Refused(fatal));
        }

        if (redirect is not null)
        {
            return Results.Redirect(redirect);
        }

        switch (decision)
        {
            case null:
                return Html(StatusCodes.Status200OK, ConsentPage.Consent(request!, action));
            case "allow" when state.Faults.Current.OAuthRevoked:
                state.Logger.OAuthConsent(request!.ClientId, "refused by the oauth-revoked fault");
                return Results.Redirect(AuthorizationRequest.Error(request.RedirectUri, "access_denied", "Authorization is revoked (fault profile oauth-revoked).", request.State));
            case "allow":
                state.Logger.OAuthConsent(request!.ClientId, "allowed");
                return Results.Redirect(request.Success(authority.IssueCode(request.RedirectUri, request.CodeChallenge, request.Scope)));
            default:
                state.Logger.OAuthConsent(request!.ClientId, "denied");
                return Results.Redirect(AuthorizationRequest.Error(request.RedirectUri, "access_denied", "The user denied the request.", request.State));
        }
    }

    private static async Task<IResult> TokenAsync(HttpContext http, [FromServices] ScimServerState state)
    {
        var authority = state.OAuth!;
        if (!http.Request.HasFormContentType)
        {
            return Refuse(state, "(none)", "invalid_request", "Send the token request as application/x-www-form-urlencoded (RFC 6749 §4.1.3).");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        string? Value(string name) => form[name].FirstOrDefault() is { Length: > 0 } text ? text : null;
        var grantType = Value("grant_type") ?? "(none)";
        var (client, clientError) = Client(http.Request.Headers.Authorization.ToString(), Value("client_id"), Value("client_secret"));
        if (clientError is not null)
        {
            return Refuse(state, grantType, "invalid_request", clientError);
        }

        if (client is null || !authority.Authenticates(client.Value.Id, client.Value.Secret))
        {
            return Refuse(state, grantType, "invalid_client", client is null
                ? "Client authentication is missing: send HTTP Basic (client_secret_basic) or client_id and client_secret in the body."
                : "The client id or secret is wrong.");
        }

        var revoked = state.Faults.Current.OAuthRevoked;
        switch (grantType)
        {
            case "authorization_code":
                if (Value("code") is not { } code || Value("code_verifier") is not { } verifier)
                {
                    return Refuse(state, grantType, "invalid_request", "The authorization_code grant needs code, redirect_uri and code_verifier (PKCE).");
                }

                if (!Pkce.IsValidVerifier(verifier))
                {
                    return Refuse(state, grantType, "invalid_request", "code_verifier must be 43 to 128 unreserved characters (RFC 7636 §4.1).");
                }

                if (!authority.TryRedeemCode(code, Value("redirect_uri"), verifier, out var codeScope, out var codeFailure) || revoked)
                {
                    return Refuse(state, grantType, "invalid_grant", revoked ? "The authorization was revoked (fault profile oauth-revoked)." : codeFailure);
                }

                return Grant(state, grantType, authority.Issue(codeScope, withRefreshToken: true));
            case "refresh_token":
                if (Value("refresh_token") is not { } refreshToken)
                {
                    return Refuse(state, grantType, "invalid_request", "The refresh_token grant needs refresh_token.");
                }

                if (revoked || !authority.TryUseRefreshToken(refreshToken, out var refreshScope))
                {
                    return Refuse(state, grantType, "invalid_grant", revoked
                        ? "The refresh token was revoked (fault profile oauth-revoked): authorize again."
                        : "The refresh token is unknown, was already used (each refresh returns a new one) or was revoked: authorize again.");
                }

                return Grant(state, grantType, authority.Issue(refreshScope, withRefreshToken: true));
            case "client_credentials":
                return Grant(state, grantType, authority.Issue(Value("scope"), withRefreshToken: false));
            case "(none)":
                return Refuse(state, grantType, "invalid_request", "grant_type is missing: use authorization_code, refresh_token or client_credentials.");
            default:
                return Refuse(state, grantType, "unsupported_grant_type", $"grant_type \"{grantType}\" is not supported: use authorization_code, refresh_token or client_credentials.");
        }
    }

    /// <summary>RFC 6749 §2.3.1: Basic with the form-encoded id and secret, or both in the body; both ways at once must agree.</summary>
    private static ((string Id, string Secret)? Client, string? Error) Client(string header, string? bodyId, string? bodySecret)
    {
        (string Id, string Secret)? basic = null;
        if (AuthenticationHeaderValue.TryParse(header, out var parsed) && string.Equals(parsed.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parsed.Parameter ?? string.Empty));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    return (null, "The Basic credentials are not id:secret.");
                }

                basic = (Uri.UnescapeDataString(pair[..colon].Replace('+', ' ')), Uri.UnescapeDataString(pair[(colon + 1)..].Replace('+', ' ')));
            }
            catch (FormatException)
            {
                return (null, "The Basic credentials are not base64.");
            }
        }

        (string Id, string Secret)? body = bodyId is not null && bodySecret is not null ? (bodyId, bodySecret) : null;
        if (basic is { } fromHeader && body is { } fromBody && fromHeader != fromBody)
        {
            return (null, "The client is authenticated twice with different credentials (Basic and body).");
        }

        return (basic ?? body, null);
    }

    private static IResult Grant(ScimServerState state, string grantType, IssuedTokens tokens)
    {
        state.OAuth!.Record(grantType, null);
        state.Logger.OAuthTokenIssued(grantType, (long)tokens.Lifetime.TotalSeconds);
        var body = new JsonObject
        {
            ["access_token"] = tokens.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)tokens.Lifetime.TotalSeconds,
        };
        if (tokens.RefreshToken is { } refresh)
        {
            body["refresh_token"] = refresh;
        }

        if (tokens.Scope is { } scope)
        {
            body["scope"] = scope;
        }

        return new TokenResult(StatusCodes.Status200OK, body, null);
    }

    private static IResult Refuse(ScimServerState state, string grantType, string error, string description)
    {
        state.OAuth!.Record(grantType, error);
        state.Logger.OAuthTokenRefused(grantType, error);
        // §5.2: invalid_client is 401 with the scheme the server supports; everything else is 400.
        var status = error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
        return new TokenResult(status, new JsonObject { ["error"] = error, ["error_description"] = description },
            status == StatusCodes.Status401Unauthorized ? "Basic realm=\"oauth2\"" : null);
    }

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>A token endpoint answer: JSON, never cached (§5.1).</summary>
    private sealed class TokenResult(int status, JsonObject body, string? authenticate) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            if (authenticate is not null)
            {
                response.Headers.WWWAuthenticate = authenticate;
            }

            await response.WriteAsync(body.ToJsonString(), httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
