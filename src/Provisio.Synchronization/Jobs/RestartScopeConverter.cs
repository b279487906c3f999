using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Jobs;

/// <summary>
/// Reads <c>resetScope</c> as Graph writes it, comma-separated names in any case (<c>"Watermark, Escrows"</c>), and as
/// the seed 000 does: <c>"Quarantine"</c> is <see cref="SynchronizationJobRestartScope.QuarantineState"/>. An empty
/// string is no scope (the portal's "Restart provisioning"); an unknown name is an error that lists the valid ones.
/// </summary>
public sealed class RestartScopeConverter : JsonConverter<SynchronizationJobRestartScope?>
{
    /// <summary>The seed's spelling of <see cref="SynchronizationJobRestartScope.QuarantineState"/>.</summary>
    public const string QuarantineAlias = "Quarantine";

    public override bool HandleNull => true;

    public override SynchronizationJobRestartScope? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("resetScope must be a string of comma-separated scopes, such as \"Watermark, Escrows\".");
        }

        return TryParse(reader.GetString(), out var scope, out var error) ? scope : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, SynchronizationJobRestartScope? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } scope)
        {
            writer.WriteStringValue(scope.ToString());
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>Parses a scope text; null (and no error) for an empty one.</summary>
    public static bool TryParse(string? text, out SynchronizationJobRestartScope? scope, out string? error)
    {
        scope = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var result = SynchronizationJobRestartScope.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals(QuarantineAlias, StringComparison.OrdinalIgnoreCase))
            {
                result |= SynchronizationJobRestartScope.QuarantineState;
            }
            else if (Enum.TryParse<SynchronizationJobRestartScope>(part, ignoreCase: true, out var named) && Enum.IsDefined(named) && !int.TryParse(part, out _))
            {
                result |= named;
            }
            else
            {
                error = $"'{part}' is not a reset scope. Use a comma-separated combination of {string.Join(", ", Enum.GetNames<SynchronizationJobRestartScope>())} " +
                    $"(or {QuarantineAlias} for QuarantineState), or no scope for a full restart.";
                return false;
            }
        }

        scope = result;
        return true;
    }
}
