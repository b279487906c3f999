using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Provisio.Scim.Server.OAuth;

/// <summary>
/// What the authorization server has issued and still honours: one-time authorization codes bound to their redirect URI
/// and PKCE challenge, access tokens until they expire, and refresh tokens until they are used (each refresh rotates
/// it) or revoked. Thread-safe; held in memory only, so a restarted server knows no token.
/// </summary>
internal sealed class OAuthAuthority(ScimOAuthOptions options, TimeProvider time)
{
    private const int RecordCapacity = 10_000;

    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OAuthTokenRequestRecord> _requests = new();
    private readonly byte[] _clientId = Encoding.UTF8.GetBytes(options.ClientId);
    private readonly byte[] _clientSecret = Encoding.UTF8.GetBytes(options.ClientSecret);

    public ScimOAuthOptions Options => options;

    /// <summary>The token requests answered so far, oldest first (the latest 10,000).</summary>
    public IReadOnlyList<OAuthTokenRequestRecord> Requests => [.. _requests];

    public bool IsClient(string? clientId) =>
        clientId is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientId), _clientId);

    /// <summary>The client's id and secret, both compared in constant time.</summary>
    public bool Authenticates(string clientId, string clientSecret) =>
        IsClient(clientId) & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientSecret), _clientSecret);

    /// <summary>A code for the consent just given (RFC 6749 §4.1.2), usable once within <see cref="ScimOAuthOptions.CodeLifetime"/>.</summary>
    public string IssueCode(string redirectUri, string codeChallenge, string? scope)
    {
        var code = NewSecret();
        _codes[code] = new PendingCode(redirectUri, codeChallenge, scope, time.GetUtcNow() + options.CodeLifetime);
        return code;
    }

    /// <summary>
    /// Redeems a code (§4.1.3, RFC 7636 §4.6): it is removed whatever the outcome, so it never works twice; it must be
    /// unexpired, issued for this redirect URI, and the verifier must hash to its challenge.
    /// </summary>
    public bool TryRedeemCode(string code, string? redirectUri, string verifier, out string? scope, out string failure)
    {
        scope = null;
        if (!_codes.TryRemove(code, out var pending))
        {
            failure = "The authorization code is unknown or was already used.";
            return false;
        }

        if (time.GetUtcNow() >= pending.Expires)
        {
            failure = "The authorization code expired; authorize again.";
            return false;
        }

        if (!string.Equals(pending.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            failure = "redirect_uri differs from the one of the authorization request.";
            return false;
        }

        if (!Pkce.Matches(verifier, pending.CodeChallenge))
        {
            failure = "code_verifier does not match the code_challenge of the authorization request (PKCE S256).";
            return false;
        }

        scope = pending.Scope;
        failure = string.Empty;
        return true;
    }

    /// <summary>Uses a refresh token up (§6): true and its scope when it was live; a new one comes with the next grant.</summary>
    public bool TryUseRefreshToken(string refreshToken, out string? scope) => _refreshTokens.TryRemove(refreshToken, out scope);

    /// <summary>An access token, and a refresh token when asked for (code and refresh grants, not client credentials, §4.4.3).</summary>
    public IssuedTokens Issue(string? scope, bool withRefreshToken)
    {
        var now = time.GetUtcNow();
        foreach (var (token, expires) in _accessTokens)
        {
            if (expires <= now)
            {
                _accessTokens.TryRemove(token, out _);
            }
        }

        var access = NewSecret();
        _accessTokens[access] = now + options.AccessTokenLifetime;
        string? refresh = null;
        if (withRefreshToken)
        {
            refresh = NewSecret();
            _refreshTokens[refresh] = scope;
        }

        return new IssuedTokens(access, refresh, options.AccessTokenLifetime, scope);
    }

    /// <summary>Whether the token is one this server issued and it has not expired (nor been revoked).</summary>
    public bool IsLiveAccessToken(string token) =>
        _accessTokens.TryGetValue(token, out var expires) && time.GetUtcNow() < expires;

    /// <summary>The <c>oauth-revoked</c> fault: every access and refresh token and every pending code stops working, for good.</summary>
    public void RevokeAll()
    {
        _codes.Clear();
        _accessTokens.Clear();
        _refreshTokens.Clear();
    }

    public void Record(string grantType, string? error)
    {
        _requests.Enqueue(new OAuthTokenRequestRecord(time.GetUtcNow(), grantType, error));
        while (_requests.Count > RecordCapacity && _requests.TryDequeue(out _))
        {
        }
    }

    private static string NewSecret() => Pkce.Base64Url(RandomNumberGenerator.GetBytes(32));

    private sealed record PendingCode(string RedirectUri, string CodeChallenge, string? Scope, DateTimeOffset Expires);
}
