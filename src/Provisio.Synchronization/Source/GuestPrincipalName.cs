namespace Provisio.Synchronization.Source;

/// <summary>
/// A B2B guest's userPrincipalName as provisioning reads it: <c>alias_theirdomain#EXT#@yourdomain</c> "is stripped to
/// <c>alias@theirdomain</c> when userPrincipalName is the source attribute"; <c>originalUserPrincipalName</c> keeps the
/// raw value (reference entra-engine-and-api §1.5).
/// </summary>
public static class GuestPrincipalName
{
    private const string ExternalMarker = "#EXT#@";

    public static string Strip(string userPrincipalName)
    {
        ArgumentNullException.ThrowIfNull(userPrincipalName);
        var marker = userPrincipalName.IndexOf(ExternalMarker, StringComparison.OrdinalIgnoreCase);
        if (marker <= 0)
        {
            return userPrincipalName;
        }

        // The guest's own address had its '@' replaced by the last '_' of the alias.
        var alias = userPrincipalName[..marker];
        var separator = alias.LastIndexOf('_');
        return separator <= 0 ? alias : string.Concat(alias.AsSpan(0, separator), "@", alias.AsSpan(separator + 1));
    }
}
