namespace Provisio.Portal.Authentication;

/// <summary>The roles the portal tells apart, spelled as the API spells them (its <c>roles</c> claim).</summary>
public static class PortalRoles
{
    /// <summary>Sees and changes everything.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Sees everything, changes nothing: the portal shows no action and refuses posted ones.</summary>
    public const string Reader = "Reader";
}
