using Provisio.Synchronization.Export;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Source;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// Evaluates the attribute mappings and plans the export (reference entra-engine-and-api §1.7, §5): a create sends every
/// mapped value; an update only what differs from what the target last received (or, for a matched object, from what
/// it holds); a disable only the attributes whose mapping reads <c>IsSoftDeleted</c>, and nothing when none does. A
/// mapping that fails (a required attribute without value, an expression error) fails the object here.
/// </summary>
public sealed class ProcessingHandler : IProvisioningHandler
{
    private const string FixMapping = "Fix the source value or the attribute mapping (a default value, or an expression that handles a missing value), then the object is retried.";

    public ValueTask HandleAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        switch (context.Action)
        {
            case ProvisioningAction.Create:
            {
                var mapped = context.Mapped!;
                if (Failed(context, mapped))
                {
                    return ValueTask.CompletedTask;
                }

                context.Create = plan.Planner.PlanCreate(mapped);
                context.Modified(context.Create.ModifiedProperties);
                break;
            }

            case ProvisioningAction.Update:
            {
                var mapped = plan.Compiled.Evaluate(new EntraSourceAttributes(context.Source!, context.Facts), null, isCreate: false);
                context.Mapped = mapped;
                if (mapped.IsObjectFlowIgnored)
                {
                    context.Skip(ProvisioningErrorCodes.EntrySynchronizationSkipped, $"IgnoreObjectFlow from the mapping of '{mapped.ObjectFlowIgnoredBy}'.");
                    return ValueTask.CompletedTask;
                }

                if (Failed(context, mapped))
                {
                    return ValueTask.CompletedTask;
                }

                context.Update = plan.Planner.PlanUpdate(LastExported(context), mapped);
                context.Modified(context.Update.ModifiedProperties);
                if (context.DisabledInSource && context.Update.Changes.Any(change => plan.SoftDeleteAttributes.Contains(change.Path)))
                {
                    // The update that carries the disable is logged as one (EntryExportUpdateSoftDelete).
                    context.Action = ProvisioningAction.Disable;
                }

                break;
            }

            case ProvisioningAction.Disable:
            {
                if (plan.SoftDeleteAttributes.Count == 0)
                {
                    // reference §1.7: "If IsSoftDeleted is removed from mappings, no disable is sent".
                    context.NewEntry = context.Entry! with { State = ConnectorEntryState.Disabled, LastModified = context.ActivityDateTime };
                    context.Skip(ProvisioningErrorCodes.EntrySynchronizationSkipped,
                        $"{context.Described} went out of scope, but no attribute mapping reads IsSoftDeleted, so nothing is sent to {context.Cycle.TargetName}.");
                    return ValueTask.CompletedTask;
                }

                var mapped = plan.Compiled.Evaluate(new EntraSourceAttributes(context.Source!, context.Facts), null, isCreate: false);
                context.Mapped = mapped;
                var lastExported = LastExported(context);
                var full = plan.Planner.PlanUpdate(lastExported, mapped);
                var keep = full.Changes.Select((change, index) => (change, index))
                    .Where(pair => plan.SoftDeleteAttributes.Contains(pair.change.Path ?? string.Empty)).Select(pair => pair.index).ToArray();
                var state = lastExported.With(full.State.Values.Where(value => plan.SoftDeleteAttributes.Contains(value.TargetAttributeName)).ToArray());
                context.Update = new UpdateExport([.. keep.Select(index => full.Changes[index])], [.. keep.Select(index => full.ModifiedProperties[index])], state);
                context.Modified(context.Update.ModifiedProperties);
                break;
            }
        }

        if (context.Cycle.OnDemand && context.Mapped is { } evaluated)
        {
            MappingTable(context, evaluated);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The on-demand "Attribute Mapping" view (the seed's troubleshooting guide): every mapped target attribute with its
    /// mapping (source attribute, expression or constant) and the value it produced; references show their source ids.
    /// </summary>
    private static void MappingTable(ProvisioningContext context, MappedObject mapped)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in context.Plan.Compiled.Attributes)
        {
            var source = attribute.Expression?.Text ?? attribute.Constant?.ToString() ?? "(none)";
            string value;
            if (attribute.IsReference)
            {
                var ids = mapped.References.FirstOrDefault(reference => reference.TargetAttributeName == attribute.TargetAttributeName).SourceIds ?? [];
                value = ids.Count == 0 ? "(none)" : string.Join(", ", ids);
            }
            else
            {
                var target = mapped.ValueOf(attribute.TargetAttributeName);
                value = attribute.IsRedacted ? Logs.ModifiedProperty.Redacted : target.IsNull ? "(null: not exported)" : target.Text() ?? "";
            }

            details[attribute.TargetAttributeName] = $"{source} → {value}";
        }

        context.Step(StepNames.EntryAttributeMapping, ProvisioningStepType.Processing, ProvisioningResult.Success,
            $"Evaluated the attribute mappings of {context.Described}", details);
    }

    private static ExportedValues LastExported(ProvisioningContext context) =>
        context.Entry is { } entry ? ExportedValues.FromJson(entry.ExportedValues)
        : context.Matched is { } matched ? ExportedValues.FromResource(context.Plan.Compiled, matched)
        : ExportedValues.Empty;

    private static bool Failed(ProvisioningContext context, MappedObject mapped)
    {
        if (mapped.Succeeded)
        {
            return false;
        }

        if (context.Cycle.OnDemand)
        {
            MappingTable(context, mapped);
        }

        var details = mapped.Errors.ToDictionary(error => error.TargetAttributeName, error => $"{error.Code}: {error.Message}", StringComparer.Ordinal);
        var first = mapped.Errors[0];
        context.Step(StepNames.EntrySynchronizationError, ProvisioningStepType.Processing, ProvisioningResult.Failure,
            $"Failed to map the attributes of {context.Described}: {first.Message}", details);
        context.Fail(first.Code, $"{first.TargetAttributeName}: {first.Message}", FixMapping);
        return true;
    }
}
