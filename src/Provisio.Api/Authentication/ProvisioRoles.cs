namespace Provisio.Api.Authentication;

/// <summary>
/// The roles a caller holds, carried in the access token's <c>roles</c> claim as Entra carries application roles.
/// Administrator keys (<c>Provisio:AdminKey</c> and stored keys) hold <see cref="Administrator"/>.
/// </summary>
public static class ProvisioRoles
{
    /// <summary>Everything: reads and writes.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Read-only: GET and HEAD everywhere, and the POSTs that <see cref="ReadOnlyRequests"/> lists.</summary>
    public const string Reader = "Reader";

    public static IReadOnlyList<string> All { get; } = [Administrator, Reader];

    /// <summary>The role as spelled here, matched ignoring case; null when it is none of them.</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(known => string.Equals(known, role, StringComparison.OrdinalIgnoreCase));
}
