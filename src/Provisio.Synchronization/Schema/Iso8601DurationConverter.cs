using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Schema;

/// <summary>Reads and writes a <see cref="TimeSpan"/> as Graph's <c>Edm.Duration</c>: an ISO 8601 duration string.</summary>
public sealed class Iso8601DurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A duration is an ISO 8601 string such as \"PT40M\", not a JSON {reader.TokenType}.");
        }

        var text = reader.GetString();
        return Iso8601Duration.TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"'{text}' is not an ISO 8601 duration such as \"PT40M\", \"P1D\" or \"PT30S\".");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Iso8601Duration.Format(value));
    }
}
