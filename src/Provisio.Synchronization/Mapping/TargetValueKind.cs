namespace Provisio.Synchronization.Mapping;

/// <summary>What a <see cref="TargetValue"/> holds.</summary>
public enum TargetValueKind : byte
{
    /// <summary>Nothing: the attribute is not exported ("the service doesn't provision nulls", reference entra-engine-and-api §1.7).</summary>
    Null,

    String,

    /// <summary>A target attribute of type Boolean: a JSON boolean in POST (reference entra-expressions-and-scim B.3.1).</summary>
    Boolean,

    /// <summary>A multi-valued target attribute.</summary>
    MultiValued,

    /// <summary>
    /// The user's app roles for a complex <c>roles</c> attribute (AppRoleAssignmentsComplex or its Assertive form),
    /// sent as role objects (reference entra-expressions-and-scim B.6.7).
    /// </summary>
    Roles,
}
