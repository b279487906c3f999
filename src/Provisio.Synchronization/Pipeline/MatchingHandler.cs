using Provisio.Scim.Client;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Source;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// The matching step (reference entra-engine-and-api §1.6): a linked object is addressed by its cached target id, never
/// re-matched; an unlinked one is looked up by its matching attributes in ascending priority, stopping at the first hit
/// (<c>GET /Users?filter=userName eq "x"</c>). No value for any matching attribute skips it as <c>ImportSkipped</c>;
/// no hit makes it a create, a hit an update of the object found.
/// </summary>
public sealed class MatchingHandler : IProvisioningHandler
{
    public async ValueTask HandleAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Cycle.TargetName;
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.TargetId is { } linked)
        {
            details["TargetId"] = linked;
        }

        switch (context.Action)
        {
            case ProvisioningAction.Delete:
                context.Step(StepNames.EntrySynchronizationDelete, ProvisioningStepType.Matching, ProvisioningResult.Success,
                    $"{context.Described} will be deleted in {target} (it was deleted in {EntraSourceDirectory.Name})", details);
                if (!context.Plan.Allows(ObjectFlowTypes.Delete))
                {
                    context.RemoveEntry = true;
                    context.Skip(ProvisioningErrorCodes.EntrySynchronizationSkipped,
                        $"Delete is not a target action of the mapping '{context.Plan.Mapping.Name}': {context.Described} is left in {target}.");
                }

                return;
            case ProvisioningAction.Disable:
                context.Step(StepNames.EntrySynchronizationSoftDelete, ProvisioningStepType.Matching, ProvisioningResult.Success,
                    $"{context.Described} will be disabled in {target} ({context.Scope?.Reason})", details);
                return;
        }

        if (context.Entry is not null)
        {
            context.Action = ProvisioningAction.Update;
            context.Step(StepNames.EntrySynchronizationUpdate, ProvisioningStepType.Matching, ProvisioningResult.Success,
                $"{context.Described} will be updated in {target} (it is linked to the {target} {context.TypeName} '{context.TargetId}')", details);
            return;
        }

        var attributes = new EntraSourceAttributes(context.Source!, context.Facts);
        var mapped = context.Plan.Compiled.Evaluate(attributes, null, isCreate: true);
        if (mapped.IsObjectFlowIgnored)
        {
            context.Step(StepNames.EntrySynchronizationSkip, ProvisioningStepType.Matching, ProvisioningResult.Skipped,
                $"{context.Described} is not provisioned: the mapping of '{mapped.ObjectFlowIgnoredBy}' returned IgnoreObjectFlow");
            context.Skip(ProvisioningErrorCodes.EntrySynchronizationSkipped, $"IgnoreObjectFlow from the mapping of '{mapped.ObjectFlowIgnoredBy}'.");
            return;
        }

        if (!mapped.HasMatchingValue)
        {
            var names = string.Join(", ", context.Plan.Compiled.MatchingAttributes.Select(attribute => attribute.TargetAttributeName));
            var reason = $"{context.Described} has no value for the matching attribute ({names}), so it cannot be matched with the target and is skipped.";
            context.Step(StepNames.EntrySynchronizationSkip, ProvisioningStepType.Matching, ProvisioningResult.Skipped, reason);
            context.Skip(ProvisioningErrorCodes.ImportSkipped, reason);
            return;
        }

        var client = context.Cycle.Client;
        foreach (var matching in mapped.MatchingValues)
        {
            if (matching.Value is not { } value)
            {
                continue;
            }

            var query = ScimClient.Equality(matching.TargetAttributeName, value);
            var found = await client.FindAsync(context.Plan.ResourceType, query, cancellationToken).ConfigureAwait(false);
            details[$"Query({matching.MatchingPriority})"] = query;
            if (!found.Succeeded)
            {
                var failure = found.Failure!;
                context.Step(StepNames.EntryImport, ProvisioningStepType.Matching, ProvisioningResult.Failure,
                    $"Failed to match {context.Described} with {target} by {query}", details);
                context.Fail(failure.Code, failure.Message, failure.RecommendedAction, failure);
                return;
            }

            if (found.Value is { } resource && resource["id"]?.GetValue<string>() is { } id)
            {
                context.TargetId = id;
                context.Matched = resource;
                context.Action = ProvisioningAction.Update;
                details["TargetId"] = id;
                details["MatchedBy"] = matching.TargetAttributeName;
                context.Step(StepNames.EntrySynchronizationUpdate, ProvisioningStepType.Matching, ProvisioningResult.Success,
                    $"{context.Described} will be updated in {target} (a matching {context.TypeName} was found in {target} by {query})", details);
                return;
            }
        }

        if (!context.Plan.Allows(ObjectFlowTypes.Add))
        {
            context.Step(StepNames.EntrySynchronizationSkip, ProvisioningStepType.Matching, ProvisioningResult.Skipped,
                $"No matching {context.TypeName} was found in {target}, and Create is not a target action of the mapping '{context.Plan.Mapping.Name}'", details);
            context.Skip(ProvisioningErrorCodes.EntrySynchronizationSkipped, $"Create is not a target action of the mapping '{context.Plan.Mapping.Name}'.");
            return;
        }

        context.Action = ProvisioningAction.Create;
        context.Mapped = mapped;
        context.Step(StepNames.EntrySynchronizationAdd, ProvisioningStepType.Matching, ProvisioningResult.Success,
            $"{context.Described} will be created in {target} ({context.TypeName} is active and assigned in {EntraSourceDirectory.Name}, but no matching {context.TypeName} was found in {target})", details);
    }
}
