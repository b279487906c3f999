namespace Provisio.Scim.Filters;

/// <summary>
/// Why a filter or a PATCH path does not parse: a message naming the position, the 0-based position, and the
/// <c>scimType</c> a server answers with (RFC 7644 §3.12: <c>invalidFilter</c>, <c>invalidPath</c>).
/// </summary>
public sealed record ScimParseError(string Message, int Position, string ScimType)
{
    public override string ToString() => $"{ScimType}: {Message}";
}
