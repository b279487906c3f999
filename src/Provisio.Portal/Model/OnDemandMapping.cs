using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;

namespace Provisio.Portal.Model;

/// <summary>One row of on-demand provisioning's attribute mapping table: the mapping's source, the source value it read, the target attribute and the value it produced.</summary>
public sealed record OnDemandMappingRow(string Source, string SourceValue, string TargetAttribute, string TargetValue);

/// <summary>
/// Reads the attribute mapping table the engine records on an on-demand entry: its <c>EntryAttributeMapping</c> step
/// holds each target attribute as <c>"{source} → {value}"</c>; the import step holds the source values read. The job's
/// plan tells where the source text ends (an expression may contain an arrow), so the table shows what the engine used.
/// </summary>
public static class OnDemandMapping
{
    private const string Arrow = " → ";

    public static IReadOnlyList<OnDemandMappingRow> Read(ProvisioningObjectSummary entry, ObjectPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var step = entry.ProvisioningSteps.FirstOrDefault(item => item.Name == StepNames.EntryAttributeMapping);
        if (step is null)
        {
            return [];
        }

        var imported = entry.ProvisioningSteps.FirstOrDefault(item => item.ProvisioningStepType == ProvisioningStepType.Import)?.Details
            ?? new Dictionary<string, string>();
        var rows = new List<OnDemandMappingRow>();
        foreach (var (target, recorded) in step.Details)
        {
            var attribute = plan?.Compiled.Attributes.FirstOrDefault(item => item.TargetAttributeName == target);
            var source = attribute is null ? null : attribute.Expression?.Text ?? attribute.Constant?.ToString() ?? "(none)";
            string value;
            if (source is not null && recorded.StartsWith(source + Arrow, StringComparison.Ordinal))
            {
                value = recorded[(source.Length + Arrow.Length)..];
            }
            else
            {
                var arrow = recorded.IndexOf(Arrow, StringComparison.Ordinal);
                (source, value) = arrow < 0 ? (recorded, string.Empty) : (recorded[..arrow], recorded[(arrow + Arrow.Length)..]);
            }

            var names = attribute?.Expression?.AttributeNames ?? [];
            var sourceValue = names.Count switch
            {
                0 => attribute?.Constant is not null ? "(constant)" : "(none)",
                1 => imported.GetValueOrDefault(names[0]) ?? "(none)",
                _ => string.Join("; ", names.Select(name => $"{name}: {imported.GetValueOrDefault(name) ?? "(none)"}")),
            };
            if (attribute?.IsRedacted == true)
            {
                sourceValue = ModifiedProperty.Redacted;
            }

            rows.Add(new OnDemandMappingRow(source, sourceValue, target, value));
        }

        return rows;
    }
}
