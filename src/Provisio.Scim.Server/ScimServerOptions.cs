using Provisio.Scim.Server.Faults;

namespace Provisio.Scim.Server;

/// <summary>
/// How the reference SCIM server starts: the bearer token every request must carry, the fault profiles active at
/// start, and an optional JSON snapshot file. <see cref="Validate"/> names each wrong key and its fix.
/// </summary>
public sealed record ScimServerOptions
{
    /// <summary>The bearer token clients send as <c>Authorization: Bearer TOKEN</c>. Never logged.</summary>
    public required string Token { get; init; }

    /// <summary>Fault profiles active at start, such as <c>throttle:10</c> or <c>require-attribute:employeeNumber</c>.</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    /// <summary>Seed of the <c>flaky</c> profile's random numbers, so a run can be repeated exactly.</summary>
    public int FaultSeed { get; init; }

    /// <summary>A JSON snapshot loaded at start when it exists and saved on stop (and every <see cref="SaveInterval"/>).</summary>
    public string? DataFile { get; init; }

    /// <summary>How often changes are written to <see cref="DataFile"/> while running; <see cref="TimeSpan.Zero"/> saves on stop only.</summary>
    public TimeSpan SaveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest page a list query returns (RFC 7644 §3.4.2.4), advertised as <c>filter.maxResults</c>.</summary>
    public int MaxResults { get; init; } = 1000;

    /// <summary>How many requests <c>GET /_requests</c> keeps; the oldest are dropped beyond it.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;

    /// <summary>
    /// The optional OAuth 2.0 authorization server at <c>/oauth2/authorize</c> and <c>/oauth2/token</c>; the SCIM
    /// endpoints then take its unexpired access tokens as well as <see cref="Token"/>.
    /// </summary>
    public ScimOAuthOptions? OAuth { get; init; }

    /// <summary>The clock for <c>meta.created</c>, <c>meta.lastModified</c> and the <c>slow</c> profile.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Every problem with these options, each naming the option and the fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Token))
        {
            errors.Add("Token is empty: pass the bearer token clients will send (--token TOKEN).");
        }

        if (FaultProfile.ParseAll(Faults ?? []) is { Error: { } faultError })
        {
            errors.Add($"Faults: {faultError}");
        }

        if (OAuth is { } oauth)
        {
            errors.AddRange(oauth.Validate());
        }

        if (MaxResults < 1)
        {
            errors.Add($"MaxResults is {MaxResults}: use a page size of 1 or more.");
        }

        if (RequestLogCapacity < 0)
        {
            errors.Add($"RequestLogCapacity is {RequestLogCapacity}: use 0 (no request log) or more.");
        }

        if (SaveInterval < TimeSpan.Zero)
        {
            errors.Add($"SaveInterval is {SaveInterval}: use TimeSpan.Zero (save on stop only) or a positive interval.");
        }

        if (DataFile is { } file && string.IsNullOrWhiteSpace(file))
        {
            errors.Add("DataFile is blank: pass a file path (--data FILE) or leave it out to keep data in memory only.");
        }

        return errors;
    }
}
