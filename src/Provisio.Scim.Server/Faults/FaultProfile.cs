using System.Globalization;
using Provisio.Scim.Filters;

namespace Provisio.Scim.Server.Faults;

/// <summary>
/// One named way a real SCIM target fails (issue 4's list), written <c>name</c> or <c>name:value</c>:
/// <c>throttle:10</c>, <c>flaky:0.2</c>, <c>slow:200</c>, <c>require-attribute:employeeNumber</c>.
/// </summary>
internal sealed record FaultProfile(string Name, string? Parameter)
{
    public const string NotFoundForEmptyQuery = "not-found-for-empty-query";
    public const string NoPatch = "no-patch";
    public const string WrongContentType = "wrong-content-type";
    public const string IgnoreFilter = "ignore-filter";
    public const string Throttle = "throttle";
    public const string Flaky = "flaky";
    public const string Slow = "slow";
    public const string Timeout = "timeout";
    public const string BadJson = "bad-json";
    public const string RequireAttribute = "require-attribute";
    public const string InvalidCredentials = "invalid-credentials";
    public const string MembersInGroupQuery = "members-in-group-query";

    /// <summary>The OAuth mode's grants are revoked: issued access tokens get 401, refresh and code grants invalid_grant.</summary>
    public const string OAuthRevoked = "oauth-revoked";

    /// <summary>Every profile as it is written, parameters named in capitals.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        NotFoundForEmptyQuery, NoPatch, WrongContentType, IgnoreFilter, $"{Throttle}:N", $"{Flaky}:P", $"{Slow}:MS",
        Timeout, BadJson, $"{RequireAttribute}:NAME", InvalidCredentials, MembersInGroupQuery, OAuthRevoked,
    ];

    private static readonly HashSet<string> WithoutParameter = new(StringComparer.Ordinal)
    {
        NotFoundForEmptyQuery, NoPatch, WrongContentType, IgnoreFilter, Timeout, BadJson, InvalidCredentials, MembersInGroupQuery, OAuthRevoked,
    };

    /// <summary>Whole number N ≥ 1 for <c>throttle</c> (every Nth request is throttled).</summary>
    public int Every => int.Parse(Parameter!, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Probability P in [0, 1] for <c>flaky</c>.</summary>
    public double Probability => double.Parse(Parameter!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>Milliseconds for <c>slow</c>.</summary>
    public int Milliseconds => int.Parse(Parameter!, NumberStyles.None, CultureInfo.InvariantCulture);

    public override string ToString() => Parameter is null ? Name : $"{Name}:{Parameter}";

    /// <summary>Reads <c>name</c> or <c>name:value</c>; an unknown name's error lists the known profiles.</summary>
    public static (FaultProfile? Profile, string? Error) Parse(string text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? trimmed : trimmed[..colon]).Trim().ToLowerInvariant();
        var parameter = colon < 0 ? null : trimmed[(colon + 1)..].Trim();
        var profile = new FaultProfile(name, parameter);

        if (WithoutParameter.Contains(name))
        {
            return parameter is null
                ? (profile, null)
                : (null, $"fault profile \"{name}\" takes no parameter; write it as \"{name}\".");
        }

        if (IsValid(name, parameter))
        {
            return (profile, null);
        }

        return name switch
        {
            Throttle => (null, $"fault profile \"{trimmed}\" needs a whole number N of 1 or more, as in \"throttle:10\" (every 10th request gets 429)."),
            Flaky => (null, $"fault profile \"{trimmed}\" needs a probability P between 0 and 1, as in \"flaky:0.2\"."),
            Slow => (null, $"fault profile \"{trimmed}\" needs a whole number of milliseconds, as in \"slow:200\"."),
            RequireAttribute => (null, $"fault profile \"{trimmed}\" needs an attribute path, as in \"require-attribute:employeeNumber\" " +
                "or \"require-attribute:urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber\"."),
            _ => (null, $"unknown fault profile \"{trimmed}\". Known profiles: {string.Join(", ", Known)}."),
        };
    }

    private static bool IsValid(string name, string? parameter) => name switch
    {
        Throttle => int.TryParse(parameter, NumberStyles.None, CultureInfo.InvariantCulture, out var every) && every >= 1,
        Flaky => double.TryParse(parameter, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1,
        Slow => int.TryParse(parameter, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        RequireAttribute => !string.IsNullOrEmpty(parameter) && FilterExpression.Parse($"{parameter} pr").Succeeded,
        _ => false,
    };

    /// <summary>Reads a list of profiles; the first error wins.</summary>
    public static (IReadOnlyList<FaultProfile> Profiles, string? Error) ParseAll(IEnumerable<string> texts)
    {
        var profiles = new List<FaultProfile>();
        foreach (var text in texts)
        {
            var (profile, error) = Parse(text);
            if (error is not null)
            {
                return ([], error);
            }

            profiles.Add(profile!);
        }

        return (profiles, null);
    }
}
