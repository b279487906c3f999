using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// Reads <c>""</c> as null for optional enums and timestamps. Graph's own job example sends
/// <c>"currentBegan": ""</c> and <c>"reason": ""</c> in a quarantine (reference entra-engine-and-api §6.5), and a
/// restart's <c>resetScope</c> "can also be empty" (§6.8). Null is written as null.
/// </summary>
internal sealed class EmptyStringAsNullConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return Nullable.GetUnderlyingType(typeToConvert) is { } underlying
            && (underlying.IsEnum || underlying == typeof(DateTimeOffset));
    }

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        var underlying = Nullable.GetUnderlyingType(typeToConvert)!;
        return (JsonConverter)Activator.CreateInstance(typeof(EmptyStringAsNullConverter<>).MakeGenericType(underlying))!;
    }

    private sealed class EmptyStringAsNullConverter<T> : JsonConverter<T?>
        where T : struct
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null
                || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(ReadOnlySpan<byte>.Empty)))
            {
                return null;
            }

            return Inner(options).Read(ref reader, typeof(T), options);
        }

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (value is { } present)
            {
                Inner(options).Write(writer, present, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        private static JsonConverter<T> Inner(JsonSerializerOptions options) => (JsonConverter<T>)options.GetConverter(typeof(T));
    }
}
