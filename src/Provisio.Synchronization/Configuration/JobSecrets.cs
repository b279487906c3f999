using System.Text.Json;
using Provisio.Scim.Client;
using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Configuration;

/// <summary>
/// A service principal's synchronization secrets (reference entra-engine-and-api §1.16, §6.10) as the engine reads them:
/// the target's address and credentials, the scope (<c>SyncAll</c>), <c>SkipOutOfScopeDeletions</c> and the
/// notification settings. Values never leave this type except to the SCIM client and, protected, to the store.
/// </summary>
public sealed class JobSecrets
{
    private readonly Dictionary<SynchronizationSecret, string> _values;

    private JobSecrets(Dictionary<SynchronizationSecret, string> values) => _values = values;

    public static JobSecrets Empty { get; } = new([]);

    public IReadOnlyCollection<SynchronizationSecret> Keys => _values.Keys;

    public string? this[SynchronizationSecret key] => _values.GetValueOrDefault(key);

    /// <summary>The tenant URL, with Entra's flags (<c>?aadOptscim062020</c>) still on it; null when absent or not an absolute http(s) URL.</summary>
    public Uri? BaseAddress => Uri.TryCreate(this[SynchronizationSecret.BaseAddress], UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    /// <summary>"Sync all users and groups" (<c>SyncAll</c> = <c>"true"</c>, any case); otherwise only assigned ones (§1.5).</summary>
    public bool SyncAll => IsTrue(this[SynchronizationSecret.SyncAll]);

    /// <summary>Accounts that go out of scope are left alone rather than disabled (S8); <c>"True"</c> or <c>"1"</c>.</summary>
    public bool SkipOutOfScopeDeletions => IsTrue(this[SynchronizationSecret.SkipOutOfScopeDeletions]);

    /// <summary>Whether the target can be reached with these secrets at all (an address and a credential).</summary>
    public bool IsConfigured => BaseAddress is not null && Credentials() is not null;

    /// <summary>Secrets from a Graph request body's pairs (later pairs win); an unknown key is refused by the caller before.</summary>
    public static JobSecrets From(IEnumerable<SynchronizationSecretKeyStringValuePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Empty.With(pairs);
    }

    /// <summary>
    /// These secrets with <paramref name="pairs"/> applied: a key given replaces its value, a null or empty value removes it,
    /// keys not given stay (Graph's examples PUT one key, <c>SkipOutOfScopeDeletions</c>, without losing the credentials).
    /// </summary>
    public JobSecrets With(IEnumerable<SynchronizationSecretKeyStringValuePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var values = new Dictionary<SynchronizationSecret, string>(_values);
        foreach (var pair in pairs)
        {
            if (string.IsNullOrEmpty(pair.Value))
            {
                values.Remove(pair.Key);
            }
            else
            {
                values[pair.Key] = pair.Value;
            }
        }

        return new JobSecrets(values);
    }

    /// <summary>
    /// Graph's PUT: the saved secrets become exactly <paramref name="pairs"/> (reference §6.1, "full replace"), except that a
    /// value given as the mask (<c>********</c>, as <see cref="Masked"/> shows it) keeps the value saved before, so a
    /// script can GET the secrets, add a key and PUT them back without knowing the token.
    /// </summary>
    public JobSecrets Replace(IEnumerable<SynchronizationSecretKeyStringValuePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var values = new Dictionary<SynchronizationSecret, string>();
        foreach (var pair in pairs)
        {
            var value = pair.Value == SynchronizationSecretKeyStringValuePair.Mask ? this[pair.Key] : pair.Value;
            if (!string.IsNullOrEmpty(value))
            {
                values[pair.Key] = value;
            }
        }

        return new JobSecrets(values);
    }

    /// <summary>The saved keys for GET: settings as they are, credentials masked (never returned, STYLE.md §4).</summary>
    public IReadOnlyList<SynchronizationSecretKeyStringValuePair> Masked() =>
        [.. _values.OrderBy(pair => pair.Key).Select(pair => new SynchronizationSecretKeyStringValuePair(pair.Key, IsCredential(pair.Key) ? SynchronizationSecretKeyStringValuePair.Mask : pair.Value))];

    /// <summary>Keys whose values are credentials: never shown.</summary>
    public static bool IsCredential(SynchronizationSecret key) => key is SynchronizationSecret.SecretToken or SynchronizationSecret.Password
        or SynchronizationSecret.ClientSecret or SynchronizationSecret.Oauth2ClientSecret or SynchronizationSecret.Oauth2AccessToken
        or SynchronizationSecret.Oauth2RefreshToken or SynchronizationSecret.Oauth2AuthorizationCode or SynchronizationSecret.ConsumerSecret
        or SynchronizationSecret.TokenKey or SynchronizationSecret.AppKey or SynchronizationSecret.ConnectionString;

    /// <summary>The <c>AuthenticationType</c> chosen (<see cref="AuthenticationTypes"/>), or null to let the saved credentials decide.</summary>
    public string? AuthenticationType => AuthenticationTypes.Canonical(this[SynchronizationSecret.AuthenticationType]);

    /// <summary>
    /// The credentials the SCIM client presents, as <see cref="AuthenticationType"/> chooses them, or else the most specific
    /// saved: an authorization-code grant (<c>Oauth2RefreshToken</c> with the token endpoint and client id), OAuth client
    /// credentials (their three keys), the bearer token. Null when the chosen kind is not (yet) saved.
    /// </summary>
    public ScimCredentials? Credentials()
    {
        var type = AuthenticationType;
        var tokenEndpoint = Uri.TryCreate(this[SynchronizationSecret.Oauth2TokenExchangeUri], UriKind.Absolute, out var endpoint)
            && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps) ? endpoint : null;
        var clientId = this[SynchronizationSecret.Oauth2ClientId] ?? this[SynchronizationSecret.ClientIdentifier];
        var clientSecret = this[SynchronizationSecret.Oauth2ClientSecret] ?? this[SynchronizationSecret.ClientSecret];
        if (type is null or AuthenticationTypes.OAuth2AuthorizationCode
            && tokenEndpoint is not null && clientId is not null && this[SynchronizationSecret.Oauth2RefreshToken] is { } refreshToken)
        {
            return new OAuthRefreshTokenCredentials(tokenEndpoint, clientId, clientSecret, refreshToken);
        }

        if (type is null or AuthenticationTypes.OAuth2ClientCredentials && tokenEndpoint is not null && clientId is not null && clientSecret is not null)
        {
            return new OAuthClientCredentials(tokenEndpoint, clientId, clientSecret);
        }

        return type is null or AuthenticationTypes.SecretToken && this[SynchronizationSecret.SecretToken] is { } token ? new BearerTokenCredentials(token) : null;
    }

    /// <summary>What is missing for the chosen credentials, in the words of the fix; null when <see cref="IsConfigured"/>.</summary>
    public string? MissingCredentials() => (BaseAddress, Credentials(), AuthenticationType) switch
    {
        (null, _, _) => "The job has no Tenant URL (BaseAddress, an absolute http or https URL): save it with PUT .../synchronization/secrets or in the portal's Settings.",
        (_, not null, _) => null,
        (_, null, AuthenticationTypes.OAuth2AuthorizationCode) =>
            "The job uses OAuth 2.0 authorization code but is not authorized yet (no Oauth2RefreshToken, or no Oauth2TokenExchangeUri and Oauth2ClientId): " +
            "click Authorize in the portal's Settings, or save an Oauth2RefreshToken.",
        (_, null, AuthenticationTypes.OAuth2ClientCredentials) =>
            "The job uses OAuth 2.0 client credentials but Oauth2TokenExchangeUri, Oauth2ClientId or Oauth2ClientSecret is missing: save them.",
        _ => "The job has no credentials (SecretToken): save them with PUT .../synchronization/secrets or in the portal's Settings.",
    };

    /// <summary>The form the store keeps (after protection): a JSON object of key names to values.</summary>
    public string Serialize() => JsonSerializer.Serialize(_values.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value));

    public static JobSecrets Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        var values = new Dictionary<SynchronizationSecret, string>();
        foreach (var (key, value) in raw)
        {
            if (Enum.TryParse<SynchronizationSecret>(key, ignoreCase: false, out var secret))
            {
                values[secret] = value;
            }
        }

        return new JobSecrets(values);
    }

    public override string ToString() => $"JobSecrets {{ {string.Join(", ", _values.Keys.Order())} }}";

    private static bool IsTrue(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
}
