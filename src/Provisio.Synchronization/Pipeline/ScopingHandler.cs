using System.Text.Json;
using Provisio.Directory.Model;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Scoping;
using Provisio.Synchronization.Source;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// The scoping step (reference entra-engine-and-api §1.5, §1.3 steps 7–8): active, assigned (or Sync all), passing the
/// scoping filter. In scope: provision. Out of scope and linked: disable. A disabled but entitled user is created, or
/// updated, with active false. Out of scope and never linked: skipped, and
/// unlogged in a cycle when the object is simply not assigned to an application that syncs assigned objects only (Entra
/// reads only what is assigned); on demand it is logged, as Entra's on-demand run shows the scoping step. A deleted object skips this step: it is deleted in the target.
/// </summary>
public sealed class ScopingHandler : IProvisioningHandler
{
    public ValueTask HandleAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Source is not { } source)
        {
            context.Action = ProvisioningAction.Delete;
            return ValueTask.CompletedTask;
        }

        var cycle = context.Cycle;
        var syncAll = cycle.Assignments is null;
        var assignments = cycle.Assignments?.For(source.Id) ?? [];
        var filter = context.Plan.Scope.Evaluate(new EntraSourceAttributes(source, context.Facts));
        var decision = ProvisioningScope.Decide(new EntitlementFacts
        {
            ObjectTypeName = context.TypeName,
            ReportableIdentifier = context.DisplayName,
            SyncAll = syncAll,
            AccountEnabled = source.Kind != DirectoryObjectKind.User || source.Properties["accountEnabled"]?.GetValueKind() != JsonValueKind.False,
            SoftDeleted = source.IsSoftDeleted,
            Assignments = assignments,
            WasInScope = context.Entry?.State == ConnectorEntryState.Active,
            SkipOutOfScopeDeletions = cycle.Secrets.SkipOutOfScopeDeletions,
        }, filter);
        context.Scope = decision;
        context.Facts = context.Facts with { IsAssigned = syncAll || decision.IsAssigned, IsInScope = filter.Passed };

        // On demand, the object was asked for by name: its skip is logged (Assigned = False, NotEffectivelyEntitled), as
        // Entra's on-demand scoping step shows "Assigned to application" (reference §1.5, S6); a cycle stays silent.
        if (decision.Action == ScopeAction.Skip && context.Entry is null && !syncAll && !decision.IsAssigned && !context.Cycle.OnDemand)
        {
            context.Silence();
            return ValueTask.CompletedTask;
        }

        // A disabled user (accountEnabled false, not deleted) who is entitled and passes the filters is provisioned
        // disabled: the default mapping's active <- Switch([IsSoftDeleted], ...) sends "False" on create, as Entra's
        // POSTs show; what Entra never provisions is a deleted user (reference §1.5, §1.7).
        var disabledButEntitled = source.Kind == DirectoryObjectKind.User && !source.IsSoftDeleted && !decision.IsActive
            && decision.IsEffectivelyEntitled && filter.Passed;
        // Such a user stays managed: created, or updated with every mapped attribute (active follows accountEnabled);
        // only one unassigned, out of the filters or deleted gets the disable alone and is no longer managed (§1.7).
        if (disabledButEntitled && decision.Action != ScopeAction.Provision)
        {
            context.DisabledInSource = true;
            context.Step(StepNames.EntrySynchronizationScoping, ProvisioningStepType.Scoping, ProvisioningResult.Success,
                decision.StepDescription, new Dictionary<string, string>(decision.Details) { ["DisabledInSource"] = "True" });
            return ValueTask.CompletedTask;
        }

        context.Step(StepNames.EntrySynchronizationScoping, ProvisioningStepType.Scoping,
            decision.IsInScope ? ProvisioningResult.Success : ProvisioningResult.Skipped, decision.StepDescription, decision.Details);
        switch (decision.Action)
        {
            case ScopeAction.Provision:
                break;
            case ScopeAction.Disable:
                context.Action = ProvisioningAction.Disable;
                break;
            default:
                context.Step(StepNames.EntrySynchronizationSkip, ProvisioningStepType.Processing, ProvisioningResult.Skipped,
                    decision.Description ?? $"{context.Described} is not in scope.", decision.SkipDetails);
                context.Skip(ProvisioningErrorCodes.EntrySynchronizationSkipped, decision.Reason ?? decision.Description ?? "Out of scope.");
                break;
        }

        return ValueTask.CompletedTask;
    }
}
