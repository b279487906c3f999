namespace Provisio.Scim.Server.Requests;

/// <summary>
/// One request the server answered: method, path with query as received (still URL-encoded), status, and the body
/// of a POST, PUT or PATCH. <see cref="Status"/> is 499 when the client gave up before an answer (the <c>timeout</c> profile).
/// </summary>
public sealed record ScimRequestRecord(long Sequence, DateTimeOffset Timestamp, string Method, string Path, int Status, string? Body)
{
    /// <summary>The path and query with escapes decoded, as in <c>/scim/v2/Users?filter=userName eq "a"</c>.</summary>
    public string DecodedPath => Uri.UnescapeDataString(Path.Replace('+', ' '));
}
