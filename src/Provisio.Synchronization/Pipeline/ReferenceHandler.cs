using System.Text.Json.Nodes;
using Provisio.Synchronization.Export;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// Reference resolution (reference entra-engine-and-api §1.8, §1.9): after the object exists in the target, its
/// references are translated to target ids and exported — a user's manager as <c>PATCH Add manager</c> (a cleared
/// manager as a Remove), a group's members as PATCH adds and removes, at most 100 per request, against the members the
/// target last received. A referenced object that failed to provision is a reference failure that heals once it is
/// provisioned; one not provisioned because it is out of scope is left out, as Entra does; one that may still come
/// later in the same cycle is resolved again before the cycle ends. Without a mapped object (references resolved again on
/// their own), the directory's manager and members are the references, as the template's Direct mappings make them.
/// </summary>
public sealed class ReferenceHandler : IProvisioningHandler
{
    public const string ManagerKey = "manager";
    public const string MembersKey = "members";

    public async ValueTask HandleAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Status == ProvisioningResult.Failure || context.NewEntry is null
            || context.Action is not (ProvisioningAction.Create or ProvisioningAction.Update))
        {
            return;
        }

        if (context.Plan.ManagerAttribute is { } manager)
        {
            await ManagerAsync(context, manager.TargetAttributeName, cancellationToken).ConfigureAwait(false);
        }

        if (context.Plan.MembersAttribute is { } members && context.Status != ProvisioningResult.Failure)
        {
            await MembersAsync(context, members.TargetAttributeName, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ManagerAsync(ProvisioningContext context, string attribute, CancellationToken cancellationToken)
    {
        var cycle = context.Cycle;
        var references = context.NewEntry!.ExportedReferences;
        var exported = (references[ManagerKey] as JsonArray)?.FirstOrDefault()?.GetValue<string>();
        var desired = context.Mapped is { } mapped
            ? mapped.References.FirstOrDefault(reference => reference.TargetAttributeName == attribute).SourceIds?.FirstOrDefault()
            : context.Facts.ManagerId?.ToString("D");
        string? wanted = null;
        if (desired is not null && Guid.TryParse(desired, out var managerId))
        {
            wanted = Resolve(context, managerId, "User");
            if (wanted is null)
            {
                if (!context.PageSettled && context.PageIds.Contains(managerId) && !cycle.Failed.ContainsKey(managerId))
                {
                    context.RetryReferences = true;
                    return;
                }

                if (cycle.Failed.ContainsKey(managerId))
                {
                    Step(context, ProvisioningResult.Failure, $"The manager '{managerId}' of {context.Described} is not in {cycle.TargetName}: it failed to provision");
                    context.FailReference(ProvisioningErrorCodes.UnableToResolveReferenceAttributeValue,
                        $"We were unable to resolve the manager '{managerId}' of {context.Described}: the manager failed to provision in {cycle.TargetName}. It is retried on later cycles.");
                    return;
                }

                if (context.MayDeferReferences)
                {
                    context.ReferencePending = true;
                    Step(context, ProvisioningResult.Skipped, $"The manager '{managerId}' of {context.Described} is not in {cycle.TargetName} yet; it is resolved again before the cycle ends");
                    return;
                }

                Step(context, ProvisioningResult.Skipped, $"The manager '{managerId}' of {context.Described} is not provisioned to {cycle.TargetName} (out of scope); {context.Described} is provisioned without a manager");
                if (exported is null)
                {
                    return;
                }

                // The new manager is out of scope: the old one must not stay in the target (wanted is null: removed below).
            }
        }

        if (wanted == exported)
        {
            return;
        }

        if (!cycle.DryRun)
        {
            var result = await cycle.Client.PatchWithoutAnswerAsync(Scim.Client.ScimResourceType.User, context.TargetId!, Scim.Client.ScimPatchWriter.Manager(wanted, cycle.Client.Dialect), cancellationToken).ConfigureAwait(false);
            if (result.Failure is { } failure)
            {
                Step(context, ProvisioningResult.Failure, $"Failed to update the manager of {context.Described} in {cycle.TargetName}");
                context.FailReference(failure.Code, failure.Message, failure);
                return;
            }
        }

        context.NewEntry = context.NewEntry with { ExportedReferences = With(references, ManagerKey, wanted is null ? null : [wanted]) };
        context.Modified([new ModifiedProperty(attribute, exported, wanted)]);
        context.Exported = true;
        Step(context, ProvisioningResult.Success, wanted is null
            ? $"The manager of {context.Described} was removed in {cycle.TargetName}"
            : $"The manager of {context.Described} was set to the {cycle.TargetName} User '{wanted}'");
    }

    private static async Task MembersAsync(ProvisioningContext context, string attribute, CancellationToken cancellationToken)
    {
        var cycle = context.Cycle;
        var references = context.NewEntry!.ExportedReferences;
        var exported = (references[MembersKey] as JsonArray)?.Select(node => node!.GetValue<string>()).ToList() ?? [];
        var desired = context.Mapped is { } mapped
            ? mapped.References.FirstOrDefault(reference => reference.TargetAttributeName == attribute).SourceIds ?? []
            : [.. (context.Facts.MemberIds ?? []).Select(member => member.ToString("D"))];
        var wanted = new List<string>(desired.Count);
        var unresolved = new List<string>();
        foreach (var member in desired)
        {
            if (!Guid.TryParse(member, out var memberId))
            {
                continue;
            }

            if (Resolve(context, memberId) is { } targetId)
            {
                wanted.Add(targetId);
            }
            else if (cycle.Failed.ContainsKey(memberId))
            {
                unresolved.Add(member);
            }
            else if (!context.PageSettled && context.PageIds.Contains(memberId))
            {
                context.RetryReferences = true;
                return;
            }
        }

        var changes = MembershipChanges.Compute(exported, wanted);
        var now = new HashSet<string>(exported, StringComparer.Ordinal);
        Scim.Client.ScimFailure? failure = null;
        if (!changes.IsEmpty && !cycle.DryRun)
        {
            foreach (var batch in changes.AddBatches())
            {
                var result = await cycle.Client.PatchWithoutAnswerAsync(Scim.Client.ScimResourceType.Group, context.TargetId!, Scim.Client.ScimPatchWriter.AddMembers(batch, cycle.Client.Dialect), cancellationToken).ConfigureAwait(false);
                if (result.Failure is not null)
                {
                    failure = result.Failure;
                    break;
                }

                now.UnionWith(batch);
            }

            foreach (var batch in failure is null ? changes.RemoveBatches() : [])
            {
                var result = await cycle.Client.PatchWithoutAnswerAsync(Scim.Client.ScimResourceType.Group, context.TargetId!, Scim.Client.ScimPatchWriter.RemoveMembers(batch, cycle.Client.Dialect), cancellationToken).ConfigureAwait(false);
                if (result.Failure is not null)
                {
                    failure = result.Failure;
                    break;
                }

                now.ExceptWith(batch);
            }
        }
        else if (cycle.DryRun)
        {
            now.UnionWith(changes.Added);
            now.ExceptWith(changes.Removed);
        }

        if (!changes.IsEmpty)
        {
            context.NewEntry = context.NewEntry with { ExportedReferences = With(references, MembersKey, [.. now.Order(StringComparer.Ordinal)]) };
            context.Modified([new ModifiedProperty(attribute, null, $"Added: {changes.Added.Count}, Removed: {changes.Removed.Count}")]);
            context.Exported = true;
        }

        if (failure is not null)
        {
            Step(context, ProvisioningResult.Failure, $"Failed to update the members of {context.Described} in {cycle.TargetName}");
            context.FailReference(failure.Code, failure.Message, failure);
            return;
        }

        if (unresolved.Count > 0)
        {
            Step(context, ProvisioningResult.Failure, $"{unresolved.Count} members of {context.Described} are not in {cycle.TargetName}: they failed to provision");
            context.FailReference(ProvisioningErrorCodes.UnableToResolveReferenceAttributeValue,
                $"We were unable to assign {string.Join(", ", unresolved.Take(10))}{(unresolved.Count > 10 ? ", ..." : "")} as the members of {context.DisplayName}. They are retried on later cycles.");
            return;
        }

        if (!changes.IsEmpty)
        {
            Step(context, ProvisioningResult.Success, $"The members of {context.Described} were updated in {cycle.TargetName}: {changes.Added.Count} added, {changes.Removed.Count} removed");
        }
    }

    /// <summary>The target id of a linked object, of <paramref name="objectType"/> when given (a manager is a User).</summary>
    private static string? Resolve(ProvisioningContext context, Guid sourceId, string? objectType = null) =>
        context.Known.TryGetValue(sourceId, out var link)
            ? (objectType is null || link.ObjectType == objectType ? link.TargetId : null)
            : context.Cycle.Linked.TryGetValue(sourceId, out var linked) && (objectType is null || objectType == context.TypeName) ? linked
            : null;

    private static JsonObject With(JsonObject references, string key, IReadOnlyList<string>? values)
    {
        var copy = references.DeepClone().AsObject();
        if (values is null)
        {
            copy.Remove(key);
        }
        else
        {
            copy[key] = new JsonArray([.. values.Select(value => (JsonNode)JsonValue.Create(value))]);
        }

        return copy;
    }

    private static void Step(ProvisioningContext context, ProvisioningResult status, string description) =>
        context.Step(StepNames.EntryReferenceResolution, ProvisioningStepType.ReferenceResolution, status, description);
}
