using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// How the synchronization API's resources read and write, as Microsoft Graph does (STYLE.md §5): camelCase names,
/// enums as their names (<c>"FlowWhenChanged"</c>, <c>"Quarantine"</c>; flags as <c>"Add, Update, Delete"</c>, read
/// with or without spaces and in any case), nulls written (<c>"expiration": null</c>, <c>"scope": null</c>), UTC
/// timestamps with <c>Z</c>, ISO 8601 durations, and text as it is (<c>"\"Normal\""</c>, not <c>\u0022</c>).
/// </summary>
public static class SynchronizationJson
{
    /// <summary>Read-only options for the synchronization resources.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Applies the settings to options the host owns (for example ASP.NET Core's <c>JsonOptions</c>).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        // First: it must see nullable enums and timestamps before the converters of the underlying types do.
        options.Converters.Insert(0, new EmptyStringAsNullConverterFactory());
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new GraphDateTimeOffsetConverter());
        options.Converters.Add(new Iso8601DurationConverter());
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
