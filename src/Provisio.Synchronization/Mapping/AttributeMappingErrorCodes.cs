using Provisio.Scim.Client;

namespace Provisio.Synchronization.Mapping;

/// <summary>
/// The error codes of attribute mapping, as the provisioning log shows them: Entra's where it has one (reference
/// entra-engine-and-api §7.4), else named in its style and marked Provisio's own.
/// </summary>
public static class AttributeMappingErrorCodes
{
    /// <summary>
    /// Provisio's own: an expression could not compute a value for this object (a date that does not parse, a
    /// SelectUniqueValue without a free value, ...). Entra's table (§7.4) names no code for it; the expression's own
    /// code and position travel with the error.
    /// </summary>
    public const string ExpressionEvaluationFailed = "ExpressionEvaluationFailed";

    /// <summary>Provisio's own: the value does not fit the target attribute's type (a Boolean attribute given <c>"yes"</c>).</summary>
    public const string AttributeValueTypeMismatch = "AttributeValueTypeMismatch";

    /// <summary>Entra's: several values for a single-valued target attribute (reference entra-engine-and-api §7.4).</summary>
    public const string SchemaPropertyCanOnlyAcceptValue = "SchemaPropertyCanOnlyAcceptValue";

    /// <summary>Entra's: a required target attribute has no value and no default value (§7.4, §5.2).</summary>
    public const string MandatoryFieldsMissing = ScimErrorCodes.MandatoryFieldsMissing;

    /// <summary>
    /// Entra's code for a configuration it refuses to save (seen as "Error Code: SchemaInvalid" when a mapping is
    /// invalid, MicrosoftDocs/azure-docs#20635): the mapping did not compile, so it gives no value.
    /// </summary>
    public const string SchemaInvalid = "SchemaInvalid";

    /// <summary>Provisio's own: the target attribute name is not a SCIM path Entra writes (reference entra-expressions-and-scim B.6.4).</summary>
    public const string InvalidTargetAttribute = "InvalidTargetAttribute";

    /// <summary>Provisio's own: two mappings write the same target attribute (names compare case-insensitively, RFC 7643 §2.1).</summary>
    public const string DuplicateTargetAttribute = "DuplicateTargetAttribute";
}
