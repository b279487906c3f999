using Microsoft.AspNetCore.Http;

namespace Provisio.Scim.Server.OAuth;

/// <summary>
/// An authorization request (RFC 6749 §4.1.1 with RFC 7636 §4.3) read from the query (the consent page) or the form
/// (its Allow and Deny buttons), checked in the RFC's order: a wrong client or redirect URI is shown to the user and
/// never redirected to (§4.1.2.1); every other problem goes back to the redirect URI as an error.
/// </summary>
internal sealed record AuthorizationRequest(string ClientId, string RedirectUri, string? State, string? Scope, string CodeChallenge)
{
    /// <summary>The request, or the page to show (<paramref name="fatal"/>) or the error to redirect with (<paramref name="redirect"/>).</summary>
    public static AuthorizationRequest? Read(Func<string, string?> value, OAuthAuthority authority, out string? fatal, out string? redirect)
    {
        fatal = null;
        redirect = null;
        var clientId = value("client_id");
        var redirectUri = value("redirect_uri");
        var state = value("state");
        if (string.IsNullOrEmpty(clientId) || !authority.IsClient(clientId))
        {
            fatal = string.IsNullOrEmpty(clientId) ? "The request has no client_id." : $"The client \"{clientId}\" is not registered with this server.";
            return null;
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment) || uri.Scheme is not ("http" or "https"))
        {
            fatal = string.IsNullOrEmpty(redirectUri)
                ? "The request has no redirect_uri: give the absolute URL the answer goes back to."
                : $"redirect_uri \"{redirectUri}\" is not an absolute http or https URL without a fragment (RFC 6749 §3.1.2).";
            return null;
        }

        var responseType = value("response_type");
        var challenge = value("code_challenge");
        var method = value("code_challenge_method");
        redirect = responseType switch
        {
            null or "" => Error(redirectUri!, "invalid_request", "response_type is missing: use response_type=code.", state),
            not "code" => Error(redirectUri!, "unsupported_response_type", $"response_type \"{responseType}\" is not supported: use code.", state),
            _ when string.IsNullOrEmpty(challenge) => Error(redirectUri!, "invalid_request", "PKCE is required: send code_challenge and code_challenge_method=S256 (RFC 7636).", state),
            _ when method != Pkce.S256 => Error(redirectUri!, "invalid_request", $"code_challenge_method must be S256, not \"{method ?? "plain (the default)"}\".", state),
            _ when !Pkce.IsValidChallenge(challenge) => Error(redirectUri!, "invalid_request", "code_challenge is not a S256 challenge (43 base64url characters).", state),
            _ => null,
        };
        return redirect is null ? new AuthorizationRequest(clientId, redirectUri!, state, string.IsNullOrWhiteSpace(value("scope")) ? null : value("scope"), challenge!) : null;
    }

    /// <summary>The redirect URI with <c>code</c> and <c>state</c> added (§4.1.2), keeping its own query.</summary>
    public string Success(string code) => Append(RedirectUri, [("code", code), ("state", State)]);

    /// <summary>The redirect URI with <c>error</c>, <c>error_description</c> and <c>state</c> (§4.1.2.1).</summary>
    public static string Error(string redirectUri, string error, string description, string? state) =>
        Append(redirectUri, [("error", error), ("error_description", description), ("state", state)]);

    public static Func<string, string?> From(IQueryCollection query) => name => query[name].FirstOrDefault();

    public static Func<string, string?> From(IFormCollection form) => name => form[name].FirstOrDefault();

    private static string Append(string uri, IEnumerable<(string Name, string? Value)> parameters)
    {
        var pairs = string.Join("&", parameters.Where(pair => pair.Value is not null)
            .Select(pair => $"{pair.Name}={Uri.EscapeDataString(pair.Value!)}"));
        return uri + (uri.Contains('?', StringComparison.Ordinal) ? (uri.EndsWith('?') || uri.EndsWith('&') ? "" : "&") : "?") + pairs;
    }
}
