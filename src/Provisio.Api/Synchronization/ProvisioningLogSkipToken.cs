using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Provisio.Api.OData;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Synchronization;

/// <summary>
/// The <c>$skiptoken</c> of provisioning logs: opaque to clients (they follow <c>@odata.nextLink</c>), to us base64url of
/// the keyset cursor, the last entry's <c>activityDateTime</c> (UTC ticks) and id, and the order it was read in (a
/// token of one order does not continue the other). Never an offset (STYLE.md §5).
/// </summary>
internal static class ProvisioningLogSkipToken
{
    public static string Encode(ProvisioningLogCursor cursor, bool ascending = false) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Token(cursor.ActivityDateTime.UtcTicks, cursor.Id) { Ascending = ascending },
            ProvisioningLogSkipTokenJsonContext.Default.Token));

    /// <summary>The cursor, if the token is ours and was issued for the same order.</summary>
    public static ODataResult<ProvisioningLogCursor> Decode(string text, bool ascending = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        Token? token = null;
        try
        {
            if (Base64Url.IsValid(text))
            {
                token = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), ProvisioningLogSkipTokenJsonContext.Default.Token);
            }
        }
        catch (JsonException)
        {
            token = null;
        }

        if (token is null || string.IsNullOrEmpty(token.Id) || token.Ticks < DateTimeOffset.MinValue.UtcTicks || token.Ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return ODataQueryError.Invalid("Invalid $skiptoken: it is not one this service issued. Follow the @odata.nextLink of a listing as it is.");
        }

        if (token.Ascending != ascending)
        {
            return ODataQueryError.Invalid(
                $"Invalid $skiptoken: it continues a listing by activityDateTime {(token.Ascending ? "asc" : "desc")}, not this one's. Follow the @odata.nextLink as it is.");
        }

        return ODataResult<ProvisioningLogCursor>.Success(new ProvisioningLogCursor(new DateTimeOffset(token.Ticks, TimeSpan.Zero), token.Id));
    }

    internal sealed record Token([property: JsonPropertyName("t")] long Ticks, [property: JsonPropertyName("i")] string? Id)
    {
        /// <summary>Absent (false) in tokens of the newest-first order, which came first.</summary>
        [JsonPropertyName("a")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        public bool Ascending { get; init; }
    }
}

/// <summary>Source-generated JSON for <see cref="ProvisioningLogSkipToken.Token"/>.</summary>
[JsonSerializable(typeof(ProvisioningLogSkipToken.Token))]
internal sealed partial class ProvisioningLogSkipTokenJsonContext : JsonSerializerContext;
