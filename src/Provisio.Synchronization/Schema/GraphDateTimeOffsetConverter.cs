using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's timestamps: "ISO 8601 format and is always in UTC time. For example, midnight UTC on Jan 1, 2014 is
/// 2014-01-01T00:00:00Z" (synchronizationQuarantine). Written in UTC with <c>Z</c> and only the fraction digits needed,
/// as Graph writes them (<c>0001-01-01T00:00:00Z</c>, <c>2021-05-24T21:45:53.6330529Z</c>); any offset is read.
/// </summary>
public sealed class GraphDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"A timestamp is an ISO 8601 string such as \"2014-01-01T00:00:00Z\", not a JSON {reader.TokenType}.");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new JsonException($"'{text}' is not an ISO 8601 timestamp such as \"2014-01-01T00:00:00Z\".");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
