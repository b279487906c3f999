namespace Provisio.Scim.Client;

/// <summary>
/// The bearer token each request carries: the secret token as it is, or an OAuth access token (client credentials, or
/// a refresh of an authorization-code grant) fetched from the token endpoint and reused until a minute before it
/// expires (reference B.1.1, entra-engine-and-api §1.16). A refresh that rotates the refresh token uses the new one
/// from then on and hands it to <see cref="ScimClientOptions.TokensRefreshed"/>.
/// </summary>
internal sealed class AccessTokenSource(ScimClientOptions options, HttpClient http, TimeProvider timeProvider)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly OAuthTokenClient _endpoint = new(http, timeProvider);
    private string? _token;
    private DateTimeOffset _expires;
    private string? _refreshToken = (options.Credentials as OAuthRefreshTokenCredentials)?.RefreshToken;

    /// <summary>Whether tokens come from a token endpoint (and so can be refreshed).</summary>
    public bool IsOAuth => options.Credentials is OAuthClientCredentials or OAuthRefreshTokenCredentials;

    public async ValueTask<ScimResult<string>> GetAsync(CancellationToken cancellationToken)
    {
        if (options.Credentials is BearerTokenCredentials bearer)
        {
            return ScimResult<string>.Success(bearer.Token);
        }

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

            return await RequestAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (after a 401, or before a cycle, so the next request fetches a new one).</summary>
    public void Invalidate() => _token = null;

    private async Task<ScimResult<string>> RequestAsync(CancellationToken cancellationToken)
    {
        ScimResult<OAuthTokenResponse> result;
        var used = _refreshToken;
        switch (options.Credentials)
        {
            case OAuthClientCredentials client:
                result = await _endpoint.ClientCredentialsAsync(client, cancellationToken).ConfigureAwait(false);
                break;
            case OAuthRefreshTokenCredentials grant:
                result = await _endpoint.RefreshAsync(grant, used!, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"No token endpoint for {options.Credentials}.");
        }

        if (!result.Succeeded)
        {
            return result.Failure!;
        }

        var response = result.Value!;
        _token = response.AccessToken;
        _expires = response.Issued + (response.Lifetime > RefreshMargin * 2 ? response.Lifetime - RefreshMargin : response.Lifetime / 2);
        if (used is not null)
        {
            // RFC 6749 §6: "The authorization server MAY issue a new refresh token, in which case the client MUST discard the old one".
            _refreshToken = response.RefreshToken ?? used;
            if (options.TokensRefreshed is { } refreshed)
            {
                await refreshed(new OAuthTokenGrant(response.AccessToken, _refreshToken, used, response.Issued, response.Lifetime), cancellationToken).ConfigureAwait(false);
            }
        }

        return ScimResult<string>.Success(response.AccessToken);
    }
}
