using Provisio.Scim.Client;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Pipeline;

namespace Provisio.Synchronization.Health;

/// <summary>
/// What to do about a failure's error code when no log entry says (seed 000 "Common Error Patterns"), and which codes
/// mean duplicates or mapping errors to the troubleshooting checklist.
/// </summary>
internal static class FailureAdvice
{
    /// <summary>Another target object holds the value, or several match (seed 000 "Unique Constraint Violations", "Matching Failures").</summary>
    public static IReadOnlySet<string> DuplicateCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ScimErrorCodes.EntryConflict,
        ScimErrorCodes.MultipleEntriesInResponse,
    };

    /// <summary>The attribute mappings could not compute a value (<see cref="AttributeMappingErrorCodes"/>, a required target attribute aside).</summary>
    public static IReadOnlySet<string> MappingCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        AttributeMappingErrorCodes.ExpressionEvaluationFailed,
        AttributeMappingErrorCodes.AttributeValueTypeMismatch,
        AttributeMappingErrorCodes.SchemaPropertyCanOnlyAcceptValue,
        AttributeMappingErrorCodes.SchemaInvalid,
        AttributeMappingErrorCodes.InvalidTargetAttribute,
        AttributeMappingErrorCodes.DuplicateTargetAttribute,
    };

    /// <summary>The expression tester: the CLI verb that evaluates an expression against given attributes.</summary>
    public const string ExpressionTester = "provisio expression evaluate";

    public static string For(string errorCode) => errorCode switch
    {
        // seed 000 "Missing Required Attributes"
        ScimErrorCodes.MandatoryFieldsMissing =>
            "Populate the attribute in the source, or give its attribute mapping a default value or an expression with a fallback, " +
            "e.g. IIF(IsNullOrEmpty([department]), \"Unassigned\", [department]); then provision one user on demand to check.",
        // seed 000 "Unique Constraint Violations"
        ScimErrorCodes.EntryConflict =>
            "Another object in the target already has this value: remove or update the stale entry in the target, or make the mapping " +
            "produce unique values (add a disambiguator such as Left([objectId], 4)); test with on-demand provisioning, then restart.",
        // seed 000 "Matching Failures"
        ScimErrorCodes.MultipleEntriesInResponse =>
            "Several target objects match this object: remove the duplicates in the target, or match on an attribute that holds the same, unique value in both systems.",
        // seed 000 "Reference Attribute Failures"
        ProvisioningErrorCodes.UnableToResolveReferenceAttributeValue =>
            "The referenced object (the manager or a member) is not provisioned: fix its own failure or bring it into scope; " +
            "the reference is retried every cycle and resolves once the object exists.",
        ProvisioningErrorCodes.ReferencePending => "Nothing to do: the referenced object comes later in the cycle.",
        // seed 000 "Invalid Admin Credentials"
        ScimErrorCodes.CredentialsInvalid or ScimErrorCodes.TokenRequestFailed =>
            "Re-enter the admin credentials (the secret token or OAuth client credentials), run Test Connection, then restart provisioning.",
        ScimErrorCodes.ReauthorizationRequired =>
            "The application no longer accepts the saved OAuth authorization: click Authorize in the portal's Settings, approve the access, then restart provisioning.",
        ScimErrorCodes.Unauthorized => "Grant the provisioning account permission to manage users and groups in the application.",
        // seed 000 "SCIM Compliance Errors"
        // seed 002: "Check the admin credentials section. See if the application requires specifying the tenant URL and that the URL is correct."
        ScimErrorCodes.BadResponse =>
            "Check the tenant URL (it must end where /Users and /Groups start, e.g. https://host/scim/v2); if it is right, the target is not SCIM-compliant: " +
            "run provisio scim validate against it and ask its vendor to fix what it reports.",
        ScimErrorCodes.ServiceIncompatible =>
            "The target does not follow SCIM 2.0 here: run provisio scim validate against it and ask its vendor to fix what it reports.",
        ScimErrorCodes.TooManyRequests or ScimErrorCodes.Timeout or ScimErrorCodes.InternalServerError or ScimErrorCodes.EndpointUnreachable =>
            "Usually transient: the object is retried. If it persists, check the target's health, rate limits and the tenant URL.",
        ScimErrorCodes.TlsFailure => "Check the target's certificate (valid, trusted, matching the host name) and that it offers TLS 1.2 or later.",
        ScimErrorCodes.InvalidAnchor => "The linked target object no longer exists: restart provisioning so the object is matched again, or re-create it in the target.",
        ScimErrorCodes.LicenseLimitExceeded => "The application has no licence left for more users: free or buy licences in the application.",
        ProvisioningErrorCodes.InternalError => "A fault inside Provisio: the log entry names the exception; the object is retried, and the fault is worth reporting.",
        _ when MappingCodes.Contains(errorCode) =>
            $"Fix the attribute mapping's expression (try it with {ExpressionTester}), then provision one user on demand and check its Attribute Mapping step.",
        _ => "Read the failing step of an example's provisioning log entry, provision it on demand to see every step, and fix the cause; the escrow retries it.",
    };
}
