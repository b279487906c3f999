using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// How both synchronization stores put values into columns: timestamps as UTC ticks in a 64-bit integer (exact to the
/// tick, so a keyset cursor taken from a row compares equal to the row, and ordering and ranges are integer compares),
/// enums of Graph as Graph spells them (<c>create</c>, <c>failure</c>), JSON as <see cref="SynchronizationJson"/> writes it.
/// </summary>
internal static class ColumnEncoding
{
    public static long Ticks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>A Guid as text (SQLite): lowercase <c>D</c>, whose ordinal order is the Guid's and PostgreSQL's uuid order.</summary>
    public static string Key(Guid id) => id.ToString("D");

    /// <summary>A service principal id written in a log: a Guid in its <see cref="Key"/> form, anything else as it is.</summary>
    public static string? ServicePrincipalKey(string? id) => IdKey(id);

    /// <summary>An id that may be a Guid (a service principal's, an audit target's): a Guid in its <see cref="Key"/> form, anything else as it is.</summary>
    public static string? IdKey(string? id) => Guid.TryParse(id, out var guid) ? Key(guid) : id;

    public static string Json(JsonObject value) => value.ToJsonString(SynchronizationJson.Options);

    public static JsonObject ParseObject(string json) => JsonNode.Parse(json)?.AsObject() ?? [];

    /// <summary>The enum value as Graph's JSON spells it (<see cref="SynchronizationJson"/>'s own converter decides).</summary>
    public static string GraphName<TEnum>(TEnum value)
        where TEnum : struct, Enum => GraphNames<TEnum>.Names.TryGetValue(value, out var name) ? name : value.ToString();

    public static T Deserialize<T>(string json) =>
        SynchronizationJson.Deserialize<T>(json) ?? throw new InvalidDataException($"The store holds a null {typeof(T).Name}.");

    private static class GraphNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, value => SynchronizationJson.Serialize(value).Trim('"'));
    }
}
