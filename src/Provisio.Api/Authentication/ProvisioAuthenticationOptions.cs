using System.ComponentModel.DataAnnotations;

namespace Provisio.Api.Authentication;

/// <summary>
/// <c>Provisio:Authentication</c>: what the access tokens this service issues say, and what it accepts.
/// </summary>
public sealed class ProvisioAuthenticationOptions
{
    public const string Section = "Provisio:Authentication";

    /// <summary>
    /// <c>Provisio:Authentication:Issuer</c>, the tokens' <c>iss</c>. Keep it stable: changing it invalidates issued tokens.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Provisio:Authentication:Issuer must not be empty; leave it out for the default 'provisio'.")]
    public string Issuer { get; set; } = "provisio";

    /// <summary>
    /// <c>Provisio:Authentication:Audience</c>, the tokens' <c>aud</c>; a token request's scope is <c>{Audience}/.default</c>.
    /// Graph's by default, so Microsoft Graph clients pointed at Provisio ask for the scope they ask Entra for.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Provisio:Authentication:Audience must not be empty; leave it out for the default 'https://graph.microsoft.com'.")]
    public string Audience { get; set; } = "https://graph.microsoft.com";

    /// <summary>The access tokens' lifetime, as Entra's: one hour.</summary>
    public static TimeSpan TokenLifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>How far apart the issuer's and a validator's clocks may be.</summary>
    public static TimeSpan ClockSkew { get; } = TimeSpan.FromSeconds(30);
}
