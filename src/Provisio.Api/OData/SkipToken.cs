using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Provisio.Directory.Query;

namespace Provisio.Api.OData;

/// <summary>
/// <c>$skiptoken</c>: opaque to clients (they follow <c>@odata.nextLink</c>), to us base64url of the keyset cursor
/// with the order it belongs to, <c>{"o":"displayName","d":false,"v":"ana","i":"{id}"}</c>. Never an offset
/// (STYLE.md §5): a page after a token neither repeats nor skips objects written in between.
/// </summary>
internal static class SkipToken
{
    public static string Encode(DirectoryCursor cursor, ODataOrder order)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(order);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Token(order.Property, order.Descending, cursor.SortValue, cursor.Id), SkipTokenJsonContext.Default.Token);
        return Base64Url.EncodeToString(json);
    }

    /// <summary>The cursor, when <paramref name="text"/> is a token this service made for a listing in <paramref name="order"/>.</summary>
    public static ODataResult<DirectoryCursor> Decode(string text, ODataOrder order)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(order);
        Token? token = null;
        try
        {
            if (Base64Url.IsValid(text))
            {
                token = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), SkipTokenJsonContext.Default.Token);
            }
        }
        catch (JsonException)
        {
            token = null;
        }

        if (token is null || token.Id == Guid.Empty || (token.Order is null && token.Value is not null))
        {
            return ODataQueryError.Invalid(
                "Invalid $skiptoken: it is not one this service issued. Follow the @odata.nextLink of a listing as it is.");
        }

        if (!string.Equals(token.Order, order.Property, StringComparison.Ordinal) || token.Descending != order.Descending)
        {
            return ODataQueryError.Invalid(
                "Invalid $skiptoken: it belongs to a listing in another $orderby. Follow the @odata.nextLink as it is, or start again without $skiptoken.");
        }

        return ODataResult<DirectoryCursor>.Success(new DirectoryCursor(token.Value, token.Id));
    }

    internal sealed record Token(
        [property: System.Text.Json.Serialization.JsonPropertyName("o")] string? Order,
        [property: System.Text.Json.Serialization.JsonPropertyName("d")] bool Descending,
        [property: System.Text.Json.Serialization.JsonPropertyName("v")] string? Value,
        [property: System.Text.Json.Serialization.JsonPropertyName("i")] Guid Id);
}

/// <summary>Source-generated JSON for <see cref="SkipToken.Token"/>.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(SkipToken.Token))]
internal sealed partial class SkipTokenJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
