using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Storage;

/// <summary>
/// One comparison of a <see cref="ProvisioningLogCondition"/>. <see cref="Value"/> is what the property holds: a
/// <see cref="string"/> for text, a <see cref="ProvisioningResult"/> for the status, a <see cref="ProvisioningAction"/>
/// for the action, a <see cref="ProvisioningStepType"/> for the failed step, a <see cref="Guid"/> for the service principal, a <see cref="DateTimeOffset"/> for the time. The
/// constructor refuses any other pairing, so a store never meets one.
/// </summary>
public sealed record ProvisioningLogComparison : ProvisioningLogCondition
{
    public ProvisioningLogComparison(ProvisioningLogProperty property, ProvisioningLogOperator @operator, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fits = property switch
        {
            ProvisioningLogProperty.Status => value is ProvisioningResult && @operator == ProvisioningLogOperator.Equal,
            ProvisioningLogProperty.Action => value is ProvisioningAction && @operator == ProvisioningLogOperator.Equal,
            ProvisioningLogProperty.ServicePrincipalId => value is Guid && @operator == ProvisioningLogOperator.Equal,
            ProvisioningLogProperty.FailedStep => value is ProvisioningStepType && @operator == ProvisioningLogOperator.Equal,
            ProvisioningLogProperty.ActivityDateTime => value is DateTimeOffset && @operator != ProvisioningLogOperator.StartsWith,
            _ => value is string && @operator is ProvisioningLogOperator.Equal or ProvisioningLogOperator.StartsWith,
        };
        if (!fits)
        {
            throw new ArgumentException($"A {property} cannot be compared with {@operator} to a {value.GetType().Name}.", nameof(value));
        }

        Property = property;
        Operator = @operator;
        Value = value;
    }

    public ProvisioningLogProperty Property { get; }

    public ProvisioningLogOperator Operator { get; }

    public object Value { get; }
}
