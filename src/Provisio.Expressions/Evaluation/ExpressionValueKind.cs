namespace Provisio.Expressions.Evaluation;

/// <summary>What an <see cref="ExpressionValue"/> holds (reference: entra-expressions-and-scim A.2).</summary>
public enum ExpressionValueKind : byte
{
    /// <summary>"For an attribute, a Null is expressed by the absence of the attribute."</summary>
    Null,

    /// <summary>An argument left empty (<c>Switch([x], , "1", "a")</c>); never the result of an evaluation.</summary>
    Omitted,

    String,
    Boolean,
    Integer,
    Decimal,

    /// <summary>A UTC instant; it reads as <c>M/d/yyyy h:mm:ss tt</c>, as CDate and Now return it.</summary>
    DateTime,

    /// <summary>A multi-valued attribute or the result of Split.</summary>
    MultiValued,

    /// <summary>App role assignments, from <c>[appRoleAssignments]</c> or AppRoleAssignmentsComplex.</summary>
    AppRoleAssignments,

    /// <summary>Drop the target attribute from the flow (IgnoreFlowIfNullOrEmpty, <c>IgnoreAttributeFlow</c>).</summary>
    IgnoreAttributeFlow,

    /// <summary>Do not flow the object at all (<c>IgnoreObjectFlow</c>).</summary>
    IgnoreObjectFlow,
}
