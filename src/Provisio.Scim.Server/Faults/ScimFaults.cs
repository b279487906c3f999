using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Faults;

/// <summary>
/// The fault profiles the server injects, replaceable while it runs (<c>PUT /_faults</c>, or <see cref="TryReplace"/>
/// in-process). An empty list heals the server.
/// </summary>
public sealed class ScimFaults
{
    private readonly Action<ActiveFaults>? _replaced;
    private ActiveFaults _current;

    /// <param name="replaced">Called with the new profiles each time they are replaced (the OAuth mode revokes its grants on <c>oauth-revoked</c>).</param>
    internal ScimFaults(ActiveFaults initial, Action<ActiveFaults>? replaced = null)
    {
        _current = initial;
        _replaced = replaced;
    }

    /// <summary>Every known profile as written, parameters in capitals (<c>throttle:N</c>).</summary>
    public static IReadOnlyList<string> KnownProfiles => FaultProfile.Known;

    /// <summary>The profiles in force, in canonical form.</summary>
    public IReadOnlyList<string> Profiles => _current.Profiles.Select(profile => profile.ToString()).ToList();

    /// <summary>The seed the <c>flaky</c> sequence restarted from when the profiles last changed.</summary>
    public int Seed => _current.Seed;

    internal ActiveFaults Current => Volatile.Read(ref _current);

    /// <summary>Replaces the profiles (counters and random sequence restart); null on success, else why nothing changed.</summary>
    public string? TryReplace(IEnumerable<string> profiles, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var (parsed, error) = FaultProfile.ParseAll(profiles);
        if (error is not null)
        {
            return error;
        }

        var next = new ActiveFaults(parsed, seed ?? _current.Seed);
        Volatile.Write(ref _current, next);
        _replaced?.Invoke(next);
        return null;
    }

    /// <summary>Removes every fault.</summary>
    public void Heal() => Volatile.Write(ref _current, new ActiveFaults([], _current.Seed));

    /// <summary>
    /// Reads the <c>--faults</c> argument: the path of an existing JSON file <c>{"profiles":[...]}</c>, or a comma list
    /// <c>PROFILE[,PROFILE...]</c>. Validates every profile; the error names the problem and the known profiles.
    /// </summary>
    public static bool TryReadArgument(string argument, [NotNullWhen(true)] out IReadOnlyList<string>? profiles,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(argument);
        profiles = null;
        IReadOnlyList<string> candidates;
        if (File.Exists(argument))
        {
            if (!TryReadFile(argument, out var fromFile, out error))
            {
                return false;
            }

            candidates = fromFile!;
        }
        else if (argument.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            error = $"the fault file \"{argument}\" does not exist; pass an existing JSON file {{\"profiles\":[...]}} or a comma list of profiles.";
            return false;
        }
        else
        {
            candidates = argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        error = FaultProfile.ParseAll(candidates).Error;
        if (error is not null)
        {
            return false;
        }

        profiles = candidates;
        return true;
    }

    private static bool TryReadFile(string path, out IReadOnlyList<string>? profiles, [NotNullWhen(false)] out string? error)
    {
        profiles = null;
        try
        {
            var json = ScimJson.Parse(File.ReadAllText(path));
            if (ReadProfiles(json) is { } read)
            {
                profiles = read;
                error = null;
                return true;
            }
        }
        catch (JsonException exception)
        {
            error = $"the fault file \"{path}\" is not valid JSON ({exception.Message}); expected {{\"profiles\":[\"throttle:10\"]}}.";
            return false;
        }

        error = $"the fault file \"{path}\" must hold {{\"profiles\":[...]}} with one string per profile.";
        return false;
    }

    /// <summary>The strings of <c>{"profiles":[...]}</c> (or of a bare array); null when the shape is wrong.</summary>
    internal static IReadOnlyList<string>? ReadProfiles(JsonNode? json)
    {
        var array = json is JsonObject body ? body["profiles"] as JsonArray : json as JsonArray;
        if (array is null || array.Any(item => item is not JsonValue value || value.GetValueKind() != JsonValueKind.String))
        {
            return null;
        }

        return array.Select(item => item!.GetValue<string>()).ToList();
    }
}
