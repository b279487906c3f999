using System.Text.Json.Nodes;
using Provisio.Scim.Filters;

namespace Provisio.Scim.Server.Faults;

/// <summary>
/// The fault profiles in force, read once per request. Replacing the profiles creates a new instance, so the
/// <c>throttle</c> counter and the <c>flaky</c> random sequence start again from the seed.
/// </summary>
internal sealed class ActiveFaults
{
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private long _requests;

    public ActiveFaults(IReadOnlyList<FaultProfile> profiles, int seed)
    {
        Profiles = profiles;
        Seed = seed;
        _random = new Random(seed);
        var names = profiles.Select(profile => profile.Name).ToHashSet(StringComparer.Ordinal);
        NotFoundForEmptyQuery = names.Contains(FaultProfile.NotFoundForEmptyQuery);
        NoPatch = names.Contains(FaultProfile.NoPatch);
        WrongContentType = names.Contains(FaultProfile.WrongContentType);
        IgnoreFilter = names.Contains(FaultProfile.IgnoreFilter);
        Timeout = names.Contains(FaultProfile.Timeout);
        BadJson = names.Contains(FaultProfile.BadJson);
        InvalidCredentials = names.Contains(FaultProfile.InvalidCredentials);
        MembersInGroupQuery = names.Contains(FaultProfile.MembersInGroupQuery);
        OAuthRevoked = names.Contains(FaultProfile.OAuthRevoked);
        ThrottleEvery = profiles.LastOrDefault(profile => profile.Name == FaultProfile.Throttle)?.Every;
        FlakyProbability = profiles.LastOrDefault(profile => profile.Name == FaultProfile.Flaky)?.Probability;
        var slow = profiles.Where(profile => profile.Name == FaultProfile.Slow).Sum(profile => (long)profile.Milliseconds);
        Latency = slow > 0 ? TimeSpan.FromMilliseconds(slow) : null;
        RequiredAttributes = profiles
            .Where(profile => profile.Name == FaultProfile.RequireAttribute)
            .Select(profile => new RequiredAttribute(profile.Parameter!, FilterExpression.Parse($"{profile.Parameter} pr").Filter!))
            .ToList();
    }

    public static ActiveFaults None { get; } = new([], seed: 0);

    public IReadOnlyList<FaultProfile> Profiles { get; }

    public int Seed { get; }

    public bool IsEmpty => Profiles.Count == 0;

    public bool NotFoundForEmptyQuery { get; }

    public bool NoPatch { get; }

    public bool WrongContentType { get; }

    public bool IgnoreFilter { get; }

    public bool Timeout { get; }

    public bool BadJson { get; }

    public bool InvalidCredentials { get; }

    public bool MembersInGroupQuery { get; }

    public bool OAuthRevoked { get; }

    public int? ThrottleEvery { get; }

    public double? FlakyProbability { get; }

    /// <summary>The added latency: the sum of every <c>slow</c> profile.</summary>
    public TimeSpan? Latency { get; }

    public IReadOnlyList<RequiredAttribute> RequiredAttributes { get; }

    /// <summary>Counts one request; true when it is the Nth since these profiles took effect.</summary>
    public bool IsThrottled() => ThrottleEvery is { } every && Interlocked.Increment(ref _requests) % every == 0;

    /// <summary>Draws from the seeded sequence; true when this request fails.</summary>
    public bool IsFlaky()
    {
        if (FlakyProbability is not { } probability)
        {
            return false;
        }

        lock (_randomLock)
        {
            return _random.NextDouble() < probability;
        }
    }

    /// <summary>
    /// The first required attribute the resource lacks, or null. A name without a schema URN is a core attribute.
    /// </summary>
    public string? MissingAttribute(JsonObject resource) =>
        RequiredAttributes.FirstOrDefault(required => !IsPresent(required, resource))?.Name;

    // RFC 7644 §3.10: "Clients MAY omit core schema attribute URN prefixes but SHOULD fully qualify extended attributes",
    // so a bare name is a core attribute: require-attribute:employeeNumber refuses every user (the core User schema has no
    // employeeNumber), and the enterprise one is required with its URN.
    private static bool IsPresent(RequiredAttribute required, JsonObject resource) => required.Presence.Matches(resource);

    /// <summary><c>require-attribute:NAME</c>: NAME and the filter <c>NAME pr</c> that tests its presence.</summary>
    public sealed record RequiredAttribute(string Name, FilterExpression Presence);
}
