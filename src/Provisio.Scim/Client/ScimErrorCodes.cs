namespace Provisio.Scim.Client;

/// <summary>
/// The error codes provisioning logs show for a SCIM failure: Entra's (reference entra-engine-and-api §7.4, and the
/// SystemForCrossDomainIdentityManagement* codes Entra logs for SCIM targets); a code Entra lacks is named in its style
/// and marked "Provisio's own".
/// </summary>
public static class ScimErrorCodes
{
    public const string TooManyRequests = "TooManyRequests";
    public const string EntryConflict = "EntryConflict";
    public const string InternalServerError = "InternalServerError";
    public const string Timeout = "Timeout";
    public const string Unauthorized = "Unauthorized";
    public const string InvalidAnchor = "InvalidAnchor";
    public const string MandatoryFieldsMissing = "MandatoryFieldsMissing";
    public const string UnprocessableEntity = "UnprocessableEntity";
    public const string LicenseLimitExceeded = "LicenseLimitExceeded";
    public const string CredentialsInvalid = "SystemForCrossDomainIdentityManagementCredentialsInvalid";
    public const string BadResponse = "SystemForCrossDomainIdentityManagementBadResponse";
    public const string ServiceIncompatible = "SystemForCrossDomainIdentityManagementServiceIncompatible";
    public const string MultipleEntriesInResponse = "SystemForCrossDomainIdentityManagementMultipleEntriesInResponse";

    /// <summary>Provisio's own: DNS failure, connection refused or reset before an HTTP answer.</summary>
    public const string EndpointUnreachable = "SystemForCrossDomainIdentityManagementEndpointUnreachable";

    /// <summary>Provisio's own: the TLS handshake failed (certificate, protocol).</summary>
    public const string TlsFailure = "SystemForCrossDomainIdentityManagementTlsFailure";

    /// <summary>Provisio's own: the OAuth token endpoint refused the client credentials or could not be read.</summary>
    public const string TokenRequestFailed = "SystemForCrossDomainIdentityManagementTokenRequestFailed";

    /// <summary>
    /// Provisio's own: the token endpoint refused the saved OAuth authorization (a refresh token that expired or was
    /// revoked, <c>invalid_grant</c>): an administrator must authorize again.
    /// </summary>
    public const string ReauthorizationRequired = "SystemForCrossDomainIdentityManagementReauthorizationRequired";
}
