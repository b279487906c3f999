namespace Provisio.Scim.Client;

/// <summary>Where the target is, how to authenticate and how to behave.</summary>
public sealed class ScimClientOptions
{
    /// <summary>The tenant URL: resource paths (<c>Users</c>, <c>Groups</c>) are appended; a <c>?aadOptscim062020</c> flag selects the dialect.</summary>
    public required Uri TenantUrl { get; init; }

    public required ScimCredentials Credentials { get; init; }

    /// <summary>Overrides the dialect the tenant URL selects.</summary>
    public ScimDialect? Dialect { get; init; }

    /// <summary>"The SCIM response must arrive within 60 seconds" (reference entra-engine-and-api §1.10).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a 429 is retried after the target's Retry-After before it becomes a TooManyRequests failure.</summary>
    public int ThrottleRetries { get; init; } = 3;

    /// <summary>The wait when a 429 carries no Retry-After, and the longest Retry-After honoured in place.</summary>
    public TimeSpan DefaultRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaximumRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Called after each refresh of <see cref="OAuthRefreshTokenCredentials"/> with what the token endpoint issued, so the
    /// caller can keep the (possibly rotated) refresh token: the old one may no longer work.
    /// </summary>
    public Func<OAuthTokenGrant, CancellationToken, Task>? TokensRefreshed { get; init; }
}
