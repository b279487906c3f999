using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Provisio.Scim.Client;

/// <summary>
/// The bearer token each request carries: the secret token as it is, or an OAuth client-credentials token fetched
/// from the token endpoint and reused until a minute before it expires (reference B.1.1).
/// </summary>
internal sealed class AccessTokenSource(ScimCredentials credentials, HttpClient http, TimeProvider timeProvider)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public async ValueTask<ScimResult<string>> GetAsync(CancellationToken cancellationToken)
    {
        if (credentials is BearerTokenCredentials bearer)
        {
            return ScimResult<string>.Success(bearer.Token);
        }

        var oauth = (OAuthClientCredentials)credentials;
        if (_token is { } cached && timeProvider.GetUtcNow() < _expires)
        {
            return ScimResult<string>.Success(cached);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } fresh && timeProvider.GetUtcNow() < _expires)
            {
                return ScimResult<string>.Success(fresh);
            }

            return await RequestAsync(oauth, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (after a 401, so the next request fetches a new one).</summary>
    public void Invalidate() => _token = null;

    private async Task<ScimResult<string>> RequestAsync(OAuthClientCredentials oauth, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(oauth.Scope))
        {
            form.Add(new("scope", oauth.Scope));
        }

        if (oauth.Style is ClientCredentialsStyle.Body or ClientCredentialsStyle.Both)
        {
            form.Add(new("client_id", oauth.ClientId));
            form.Add(new("client_secret", oauth.ClientSecret));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, oauth.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        if (oauth.Style is ClientCredentialsStyle.Header or ClientCredentialsStyle.Both)
        {
            // RFC 6749 §2.3.1: form-encode id and secret, then Basic.
            var pair = $"{Uri.EscapeDataString(oauth.ClientId)}:{Uri.EscapeDataString(oauth.ClientSecret)}";
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
            return failure with { Code = ScimErrorCodes.TokenRequestFailed, Message = $"The OAuth token endpoint could not be reached: {failure.Message}" };
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                return new ScimFailure(ScimErrorCodes.CredentialsInvalid, false,
                    $"The OAuth token endpoint refused the client credentials (HTTP {(int)response.StatusCode}).",
                    "Re-enter the client id and secret (or re-authorize), run Test Connection, then restart provisioning.")
                { HttpStatus = (int)response.StatusCode, AffectsWholeJob = true };
            }

            if (!response.IsSuccessStatusCode || !TryReadToken(body, out var token, out var lifetime))
            {
                return new ScimFailure(ScimErrorCodes.TokenRequestFailed, !response.IsSuccessStatusCode && (int)response.StatusCode >= 500,
                    $"The OAuth token endpoint answered HTTP {(int)response.StatusCode} without an access_token.",
                    "Check the token endpoint URL and that it issues client-credentials tokens.")
                { HttpStatus = (int)response.StatusCode, AffectsWholeJob = true };
            }

            _token = token;
            _expires = timeProvider.GetUtcNow() + (lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2);
            return ScimResult<string>.Success(token);
        }
    }

    private static bool TryReadToken(string body, out string token, out TimeSpan lifetime)
    {
        token = string.Empty;
        lifetime = TimeSpan.FromHours(1);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("access_token", out var value) || value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            token = value.GetString()!;
            if (document.RootElement.TryGetProperty("expires_in", out var expires))
            {
                var seconds = expires.ValueKind == JsonValueKind.Number ? expires.GetDouble()
                    : double.TryParse(expires.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 3600;
                lifetime = TimeSpan.FromSeconds(Math.Max(1, seconds));
            }

            return token.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
