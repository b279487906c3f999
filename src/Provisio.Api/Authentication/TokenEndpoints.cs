using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Provisio.Api.Authentication;

/// <summary>
/// <c>POST /oauth2/v2.0/token</c> and <c>POST /{tenant}/oauth2/v2.0/token</c> (Entra's path, so an OAuth client or
/// Azure.Identity's ClientSecretCredential with its authority host pointed at Provisio finds it): the client
/// credentials grant, answering <c>{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token"}</c>.
/// </summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/oauth2/v2.0/token", IssueAsync).AllowAnonymous().WithSummary("OAuth 2.0 client credentials: an access token for a registered API client");
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpContext context, ApiClientRegistry clients, AccessTokenIssuer issuer,
        IOptions<ProvisioAuthenticationOptions> options, ILogger<AccessTokenIssuer> logger, CancellationToken cancellationToken)
    {
        var (request, error) = await TokenRequest.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            logger.TokenRefused("", error!.Error, "malformed request");
            return error;
        }

        var client = await clients.FindAsync(request.ClientId, cancellationToken).ConfigureAwait(false);
        // Verified even for an unknown client (against a decoy hash), so both cost the same.
        var verified = ClientSecrets.Verify(request.ClientSecret, client?.SecretHash);
        if (client is null || !verified)
        {
            logger.TokenRefused(request.ClientId, "invalid_client", client is null ? "unknown client" : "wrong secret");
            if (request.UsedBasic)
            {
                // RFC 6749 §5.2: a client that authenticated with the Authorization header gets a challenge for it
                context.Response.Headers.WWWAuthenticate = "Basic";
            }

            return client is null
                ? OAuthError.InvalidClient(700016, $"Application with identifier '{request.ClientId}' was not found. Register it with 'provisio clients add'.")
                : OAuthError.InvalidClient(7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value for app '{request.ClientId}'.");
        }

        var audience = options.Value.Audience;
        if (request.Scope is { } scope && !IsDefaultScope(scope, audience))
        {
            logger.TokenRefused(client.ClientId, "invalid_scope", "scope is not the audience's /.default");
            return OAuthError.InvalidScope(scope, audience);
        }

        var token = issuer.Issue(client.ClientId, client.Role);
        logger.TokenIssued(client.ClientId, client.Role, token.ExpiresOn);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        // Entra reports a second less than the lifetime: the token is good for all of expires_in.
        var expiresIn = (int)ProvisioAuthenticationOptions.TokenLifetime.TotalSeconds - 1;
        return TypedResults.Json(new TokenResponse("Bearer", expiresIn, expiresIn, token.Value));
    }

    /// <summary>Entra's v2 rule: a client credentials scope is the resource followed by <c>/.default</c>.</summary>
    private static bool IsDefaultScope(string scope, string audience)
    {
        const string Suffix = "/.default";
        var trimmed = scope.Trim();
        return trimmed.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
            && string.Equals(trimmed[..^Suffix.Length].TrimEnd('/'), audience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    private sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("ext_expires_in")] int ExtExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken)
    {
        public override string ToString() => $"{TokenType} token, {ExpiresIn} s";
    }
}
