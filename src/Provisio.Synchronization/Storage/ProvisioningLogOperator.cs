namespace Provisio.Synchronization.Storage;

/// <summary>How a <see cref="ProvisioningLogComparison"/> compares: OData's <c>eq</c>, <c>startswith</c>, <c>gt</c>, <c>ge</c>, <c>lt</c>, <c>le</c>.</summary>
public enum ProvisioningLogOperator
{
    Equal,

    /// <summary>Text only: the value is a prefix, compared case-sensitively (Graph's filters are, §7.1).</summary>
    StartsWith,

    /// <summary><see cref="ProvisioningLogProperty.ActivityDateTime"/> only, as are the other orderings.</summary>
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}
