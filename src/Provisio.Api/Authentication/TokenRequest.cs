using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Provisio.Api.Authentication;

/// <summary>
/// A client credentials token request (RFC 6749 §4.4.2): <c>grant_type</c>, <c>scope</c>, and the client's id and secret
/// in the form (§2.3.1, <c>client_id</c>/<c>client_secret</c>) or in HTTP Basic authentication, not both.
/// </summary>
public sealed record TokenRequest(string ClientId, string ClientSecret, string? Scope, bool UsedBasic)
{
    public const string ClientCredentials = "client_credentials";

    /// <summary>The request, or the error to answer with.</summary>
    public static async Task<(TokenRequest? Request, OAuthError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return (null, OAuthError.InvalidRequest(900144, "The request body must contain the following parameter: 'grant_type'. It must be sent as application/x-www-form-urlencoded."));
        }

        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var grantType = Single(form, "grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return (null, OAuthError.InvalidRequest(900144, "The request body must contain the following parameter: 'grant_type'."));
        }

        // RFC 6749 §4.4.2: grant_type must be client_credentials
        if (!string.Equals(grantType, ClientCredentials, StringComparison.Ordinal))
        {
            return (null, OAuthError.UnsupportedGrantType(grantType));
        }

        var basic = Basic(request);
        var formId = Single(form, "client_id");
        var formSecret = Single(form, "client_secret");
        // RFC 6749 §2.3: a client must not use more than one authentication method in a request
        if (basic is not null && formSecret is not null)
        {
            return (null, OAuthError.InvalidRequest(900144, "The client authenticated twice: use either HTTP Basic authentication or client_id and client_secret in the body."));
        }

        var (clientId, secret) = basic ?? (formId, formSecret);
        if (string.IsNullOrEmpty(clientId))
        {
            return (null, OAuthError.InvalidRequest(900144, "The request body must contain the following parameter: 'client_id'."));
        }

        if (string.IsNullOrEmpty(secret))
        {
            return (null, OAuthError.InvalidClient(7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."));
        }

        return (new TokenRequest(clientId, secret, Single(form, "scope"), basic is not null), null);
    }

    private static string? Single(IFormCollection form, string name) => form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>RFC 6749 §2.3.1: <c>Authorization: Basic base64(urlencode(id):urlencode(secret))</c>.</summary>
    private static (string? ClientId, string? Secret)? Basic(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return (null, null);
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (null, null) : (WebUtility.UrlDecode(decoded[..colon]), WebUtility.UrlDecode(decoded[(colon + 1)..]));
    }

    /// <summary>The secret is not shown.</summary>
    public override string ToString() => $"token request of client {ClientId}";
}
