namespace Provisio.Scim.Server.Storage;

/// <summary>Weak entity tags <c>W/"version"</c> (RFC 7644 §3.14, RFC 9110 §8.8.3).</summary>
internal static class ETags
{
    public static string Of(long version) => $"W/\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    /// <summary>RFC 9110 §13.1.1 <c>If-Match</c> (and §13.1.2 <c>If-None-Match</c>): absent or <c>*</c> matches; otherwise any listed tag, weak or strong.</summary>
    public static bool Matches(string? header, long version)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return true;
        }

        var expected = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var tag in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (tag == "*")
            {
                return true;
            }

            var opaque = tag.StartsWith("W/", StringComparison.OrdinalIgnoreCase) ? tag[2..] : tag;
            if (opaque.Trim('"') == expected)
            {
                return true;
            }
        }

        return false;
    }
}
