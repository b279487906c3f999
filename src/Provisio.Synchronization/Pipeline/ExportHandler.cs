using System.Text.Json.Nodes;
using Provisio.Scim.Client;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// The export step (reference entra-engine-and-api §1.17): POST a create and cache the new id, PATCH an update or a
/// disable with only what differs, DELETE a deleted object (a 404 means it is gone already). A redundant update sends
/// nothing (<c>RedundantExport</c>). A refused request fails the object with the target's classified error, which the
/// cycle escrows. In a dry run nothing is sent: the step says what would have been.
/// </summary>
public sealed class ExportHandler : IProvisioningHandler
{
    public async ValueTask HandleAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cycle = context.Cycle;
        var (name, verb) = context.Action switch
        {
            ProvisioningAction.Create => (StepNames.EntryExportAdd, "created in"),
            ProvisioningAction.Delete => (StepNames.EntryExportDelete, "deleted from"),
            ProvisioningAction.Disable => (StepNames.EntryExportUpdateSoftDelete, "disabled in"),
            _ => (StepNames.EntryExportUpdate, "updated in"),
        };
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["ReportableIdentifier"] = context.DisplayName ?? context.SourceId.ToString("D") };
        if (context.Update is { IsRedundant: true } && context.Action is ProvisioningAction.Update or ProvisioningAction.Disable)
        {
            if (context.Action == ProvisioningAction.Disable)
            {
                context.NewEntry = context.Entry! with { State = ConnectorEntryState.Disabled, LastModified = context.ActivityDateTime };
            }
            else
            {
                cycle.Linked[context.SourceId] = context.TargetId!;
                context.NewEntry = Linked(context, context.Update.State.ToJson());
            }

            return;
        }

        if (cycle.DryRun)
        {
            // What the entry would be, so the object's references and those to it resolve as they would (never stored).
            if (context.Action is ProvisioningAction.Create or ProvisioningAction.Update && context.Mapped is not null)
            {
                context.TargetId ??= $"dryrun:{context.SourceId:D}";
                cycle.Linked[context.SourceId] = context.TargetId;
                context.NewEntry = Linked(context, (context.Create?.State ?? context.Update!.State).ToJson());
            }

            details["DryRun"] = "True";
            context.Step(name, ProvisioningStepType.Export, ProvisioningResult.Skipped, $"Dry run: {context.Described} would be {verb} {cycle.TargetName}", details);
            context.Exported = true;
            return;
        }

        var client = cycle.Client;
        var type = context.Plan.ResourceType;
        ScimFailure? failure;
        switch (context.Action)
        {
            case ProvisioningAction.Create:
            {
                var created = await client.CreateForIdAsync(type, context.Create!.Json, cancellationToken).ConfigureAwait(false);
                failure = created.Failure;
                if (failure is null)
                {
                    if (created.Value is { Length: > 0 } targetId)
                    {
                        context.TargetId = targetId;
                        cycle.Linked[context.SourceId] = targetId;
                        context.NewEntry = Linked(context, context.Create.State.ToJson()) with { ExportedReferences = [] };
                    }
                    else
                    {
                        failure = ScimFailureClassifier.Incompatible(201, "the created resource has no id");
                    }
                }

                break;
            }

            case ProvisioningAction.Delete:
            {
                var deleted = await client.DeleteAsync(type, context.TargetId!, cancellationToken).ConfigureAwait(false);
                failure = deleted.Failure is { Code: ScimErrorCodes.InvalidAnchor } ? null : deleted.Failure;
                if (failure is null)
                {
                    context.RemoveEntry = true;
                    cycle.Linked.TryRemove(context.SourceId, out _);
                }

                break;
            }

            default:
            {
                var updated = await client.PatchWithoutAnswerAsync(type, context.TargetId!, ScimPatchWriter.Write(context.Update!.Changes, client.Dialect), cancellationToken)
                    .ConfigureAwait(false);
                failure = updated.Failure;
                if (failure is null)
                {
                    cycle.Linked[context.SourceId] = context.TargetId!;
                    context.NewEntry = Linked(context, context.Update.State.ToJson()) with
                    {
                        State = context.Action == ProvisioningAction.Disable ? ConnectorEntryState.Disabled : ConnectorEntryState.Active,
                    };
                }

                break;
            }
        }

        if (failure is not null)
        {
            details["ErrorCode"] = failure.Code;
            context.Step(name, ProvisioningStepType.Export, ProvisioningResult.Failure, $"Failed to {Infinitive(context.Action)} {context.Described} in {cycle.TargetName}", details);
            cycle.Failed.TryAdd(context.SourceId, 0);
            context.Fail(failure.Code, failure.Message, failure.RecommendedAction, failure);
            return;
        }

        context.Exported = true;
        if (context.TargetId is { } target)
        {
            details["TargetId"] = target;
        }

        context.Step(name, ProvisioningStepType.Export, ProvisioningResult.Success, $"{context.Described} was {verb} {cycle.TargetName}", details);
    }

    /// <summary>The object's entry after a successful export or a redundant one: linked, active, with what the target holds.</summary>
    internal static ConnectorEntry Linked(ProvisioningContext context, JsonObject exportedValues) => new()
    {
        SourceId = context.SourceId,
        ObjectType = context.TypeName,
        TargetId = context.TargetId!,
        State = ConnectorEntryState.Active,
        DisplayName = context.DisplayName,
        ExportedValues = exportedValues,
        ExportedReferences = context.Entry?.ExportedReferences.DeepClone().AsObject() ?? [],
        LastModified = context.ActivityDateTime,
    };

    private static string Infinitive(ProvisioningAction action) => action switch
    {
        ProvisioningAction.Create => "create",
        ProvisioningAction.Delete => "delete",
        ProvisioningAction.Disable => "disable",
        _ => "update",
    };
}
