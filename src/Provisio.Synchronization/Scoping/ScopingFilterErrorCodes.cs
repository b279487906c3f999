namespace Provisio.Synchronization.Scoping;

/// <summary>
/// Codes of invalid scoping rules. Entra documents none (it only warns against "Greater_Than with a noninteger value",
/// reference: entra-engine-and-api §1.14 and S6), so these are ours, named in its style.
/// </summary>
public static class ScopingFilterErrorCodes
{
    /// <summary><c>operatorName</c> is none of the 14 operators.</summary>
    public const string UnknownOperator = "ScopingFilterUnknownOperator";

    /// <summary><c>sourceOperandName</c> is empty.</summary>
    public const string MissingSourceAttribute = "ScopingFilterMissingSourceAttribute";

    /// <summary>A binary operator without a value.</summary>
    public const string MissingValue = "ScopingFilterMissingValue";

    /// <summary>A binary operator with more than one value (the portal takes one per clause).</summary>
    public const string TooManyValues = "ScopingFilterTooManyValues";

    /// <summary>A unary operator (IS NULL, IS TRUE, ...) with a value.</summary>
    public const string UnexpectedValue = "ScopingFilterUnexpectedValue";

    /// <summary>Greater_Than or Greater_Than_OR_EQUALS with a value that is not an integer.</summary>
    public const string NotAnInteger = "ScopingFilterNotAnInteger";

    /// <summary>REGEX MATCH or NOT REGEX MATCH with a pattern .NET cannot parse; the error carries its offset.</summary>
    public const string InvalidRegex = "ScopingFilterInvalidRegex";

    /// <summary>The attribute is not one of the source object's (checked when the object's definition is given).</summary>
    public const string UnknownAttribute = "ScopingFilterUnknownAttribute";

    /// <summary>An attribute Entra cannot filter on: multi-valued, reference, date, or one it names as unsupported.</summary>
    public const string UnsupportedAttribute = "ScopingFilterUnsupportedAttribute";
}
