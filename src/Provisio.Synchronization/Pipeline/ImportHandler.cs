using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Source;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// The import step (reference entra-engine-and-api §1.4): "Retrieved User 'x' from Azure Active Directory" in an
/// initial cycle, "Received User 'x' change of type (Update) from Azure Active Directory" in an incremental one, with
/// the values of the source attributes the mappings read. A deleted object that was never linked ends here, unlogged.
/// </summary>
public sealed class ImportHandler : IProvisioningHandler
{
    private const int MaximumDetails = 40;

    public ValueTask HandleAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Source is null)
        {
            if (context.Entry is null)
            {
                context.Silence();
                return ValueTask.CompletedTask;
            }

            context.Step(StepNames.EntryImportDelete, ProvisioningStepType.Import, ProvisioningResult.Success,
                $"Received {context.Described} change of type (Delete) from {EntraSourceDirectory.Name}");
            return ValueTask.CompletedTask;
        }

        var attributes = new EntraSourceAttributes(context.Source, context.Facts);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in context.Plan.ReadAttributes)
        {
            if (details.Count == MaximumDetails)
            {
                break;
            }

            if (attributes.TryGetValue(name, out var value) && !value.IsNull)
            {
                details[name] = value.AsString() ?? value.ToString();
            }
        }

        var (stepName, description) = context.Cycle.Kind == CycleKind.Initial
            ? (StepNames.EntryImport, $"Retrieved {context.Described} from {EntraSourceDirectory.Name}")
            : context.Entry is null
                ? (StepNames.EntryImportAdd, $"Received {context.Described} change of type (Add) from {EntraSourceDirectory.Name}")
                : (StepNames.EntryImportUpdate, $"Received {context.Described} change of type (Update) from {EntraSourceDirectory.Name}");
        context.Step(stepName, ProvisioningStepType.Import, ProvisioningResult.Success, description, details);
        return ValueTask.CompletedTask;
    }
}
