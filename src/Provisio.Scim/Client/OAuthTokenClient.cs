using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Provisio.Scim.Client;

/// <summary>
/// Requests to an OAuth 2.0 token endpoint (RFC 6749 §4.1.3, §4.4.2, §6): client credentials, a refresh, and the
/// exchange of an authorization code (with its PKCE verifier, RFC 7636 §4.5). The client authenticates as the
/// <see cref="ClientCredentialsStyle"/> says. Every refusal comes back as a <see cref="ScimFailure"/> of the whole job
/// that says what to do (re-enter the client credentials, or authorize again), never as an exception.
/// </summary>
public sealed class OAuthTokenClient(HttpClient http, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public Task<ScimResult<OAuthTokenResponse>> ClientCredentialsAsync(OAuthClientCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return SendAsync(credentials.TokenEndpoint, credentials.ClientId, credentials.ClientSecret, credentials.Style,
            [new("grant_type", "client_credentials"), .. Scope(credentials.Scope)], Grant.ClientCredentials, cancellationToken);
    }

    public Task<ScimResult<OAuthTokenResponse>> RefreshAsync(OAuthRefreshTokenCredentials credentials, string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return SendAsync(credentials.TokenEndpoint, credentials.ClientId, credentials.ClientSecret, credentials.Style,
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken), .. Scope(credentials.Scope)], Grant.Refresh, cancellationToken);
    }

    /// <summary>The authorization code grant's token request; <paramref name="redirectUri"/> must be the authorization request's.</summary>
    public Task<ScimResult<OAuthTokenResponse>> ExchangeCodeAsync(Uri tokenEndpoint, string clientId, string? clientSecret, string code, Uri redirectUri,
        string? codeVerifier, ClientCredentialsStyle style, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        List<KeyValuePair<string, string>> form = [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri.AbsoluteUri)];
        if (!string.IsNullOrEmpty(codeVerifier))
        {
            form.Add(new("code_verifier", codeVerifier));
        }

        return SendAsync(tokenEndpoint, clientId, clientSecret, style, form, Grant.AuthorizationCode, cancellationToken);
    }

    private static IEnumerable<KeyValuePair<string, string>> Scope(string? scope) =>
        string.IsNullOrWhiteSpace(scope) ? [] : [new("scope", scope)];

    private async Task<ScimResult<OAuthTokenResponse>> SendAsync(Uri endpoint, string clientId, string? clientSecret, ClientCredentialsStyle style,
        List<KeyValuePair<string, string>> form, Grant grant, CancellationToken cancellationToken)
    {
        // A public client (no secret) names itself in the body (RFC 6749 §4.1.3); a confidential one authenticates as its style says.
        if (clientSecret is null || style is ClientCredentialsStyle.Body or ClientCredentialsStyle.Both)
        {
            form.Add(new("client_id", clientId));
            if (clientSecret is not null)
            {
                form.Add(new("client_secret", clientSecret));
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        if (clientSecret is not null && style is ClientCredentialsStyle.Header or ClientCredentialsStyle.Both)
        {
            // RFC 6749 §2.3.1: form-encode id and secret, then Basic.
            var pair = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            var failure = ScimFailureClassifier.Classify(exception, timedOut: false);
            return failure with
            {
                Code = ScimErrorCodes.TokenRequestFailed,
                Message = $"The OAuth token endpoint could not be reached: {failure.Message}",
                AffectsWholeJob = true,
            };
        }

        using (response)
        {
            var issued = _time.GetUtcNow();
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                return Refused(grant, status, ReadError(body));
            }

            if (!response.IsSuccessStatusCode || !TryReadToken(body, out var token, out var refresh, out var lifetime))
            {
                return new ScimFailure(ScimErrorCodes.TokenRequestFailed, status >= 500,
                    $"The OAuth token endpoint answered HTTP {status} without an access_token.",
                    "Check the token endpoint URL and that it issues tokens for this grant.")
                { HttpStatus = status, AffectsWholeJob = true };
            }

            return ScimResult<OAuthTokenResponse>.Success(new OAuthTokenResponse(token, refresh, lifetime, issued));
        }
    }

    /// <summary>A 400 or 401 (RFC 6749 §5.2): what was refused, in the endpoint's words, and what the administrator does next.</summary>
    private static ScimFailure Refused(Grant grant, int status, string? error)
    {
        var detail = error is null ? $"HTTP {status}" : $"HTTP {status}, {error}";
        var badClient = error?.StartsWith("invalid_client", StringComparison.Ordinal) == true;
        return grant switch
        {
            Grant.ClientCredentials => new ScimFailure(ScimErrorCodes.CredentialsInvalid, false,
                $"The OAuth token endpoint refused the client credentials ({detail}).",
                "Re-enter the client id and secret, run Test Connection, then restart provisioning."),
            Grant.Refresh => new ScimFailure(ScimErrorCodes.ReauthorizationRequired, false,
                badClient
                    ? $"The OAuth token endpoint refused the client id or secret while refreshing the access token ({detail})."
                    : $"The OAuth token endpoint refused the saved authorization: the refresh token expired or was revoked ({detail}).",
                (badClient ? "Re-enter the client id and secret, then re-authorize: " : "Re-authorize: ") +
                "in the portal open the application's Settings and click Authorize, approve the access at the application " +
                "(or save a new Oauth2RefreshToken with PUT .../synchronization/secrets), then restart provisioning."),
            _ => new ScimFailure(badClient ? ScimErrorCodes.CredentialsInvalid : ScimErrorCodes.ReauthorizationRequired, false,
                $"The OAuth token endpoint refused the authorization code ({detail}).",
                badClient ? "Check the client id and secret, then authorize again." : "Authorize again: the code is used up or expired, or the redirect URI differs."),
        } with { HttpStatus = status, AffectsWholeJob = true };
    }

    /// <summary><c>error</c> and <c>error_description</c> of a §5.2 body, when there is one (never a token: errors carry none).</summary>
    private static string? ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var description = document.RootElement.TryGetProperty("error_description", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString() : null;
            return string.IsNullOrWhiteSpace(description) ? error.GetString() : $"{error.GetString()}: {description}";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryReadToken(string body, out string token, out string? refresh, out TimeSpan lifetime)
    {
        token = string.Empty;
        refresh = null;
        lifetime = TimeSpan.FromHours(1);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var value) || value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            token = value.GetString()!;
            if (root.TryGetProperty("refresh_token", out var refreshValue) && refreshValue.ValueKind == JsonValueKind.String && refreshValue.GetString() is { Length: > 0 } next)
            {
                refresh = next;
            }

            if (root.TryGetProperty("expires_in", out var expires))
            {
                var seconds = expires.ValueKind == JsonValueKind.Number ? expires.GetDouble()
                    : double.TryParse(expires.GetString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : 3600;
                lifetime = TimeSpan.FromSeconds(Math.Max(1, seconds));
            }

            return token.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private enum Grant
    {
        ClientCredentials,
        Refresh,
        AuthorizationCode,
    }
}
