namespace Provisio.Scim.Client;

/// <summary>
/// One classified SCIM failure, read by escrow, quarantine and the provisioning logs alike (STYLE.md §3): Entra's code,
/// whether a retry may succeed, how long the target asked to wait, the target's own words, and what to do about it.
/// </summary>
public sealed record ScimFailure(string Code, bool IsTransient, string Message, string RecommendedAction)
{
    public int? HttpStatus { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The target's RFC 7644 §3.12 scimType, when it sent one.</summary>
    public string? ScimType { get; init; }

    /// <summary>
    /// The failure concerns the connection to the target rather than one object (credentials, reachability, a SCIM
    /// compliance failure): a job meeting it goes to quarantine with EncounteredQuarantineException (seed 002).
    /// </summary>
    public bool AffectsWholeJob { get; init; }

    public override string ToString() => HttpStatus is { } status ? $"{Code} (HTTP {status}): {Message}" : $"{Code}: {Message}";
}
