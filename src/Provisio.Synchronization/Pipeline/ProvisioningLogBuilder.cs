using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Pipeline;

/// <summary>Turns an object's journey into its provisioning log entry (Graph's provisioningObjectSummary, reference entra-engine-and-api §7.1).</summary>
public static class ProvisioningLogBuilder
{
    private const string RedundantText = "The state of the {0} in both the source and target systems already match. No change to the {0} needs to be made.";

    /// <summary>The entry, or null for a journey that logs nothing (<see cref="ProvisioningContext.IsSilent"/>).</summary>
    public static ProvisioningObjectSummary? Build(ProvisioningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsSilent)
        {
            return null;
        }

        var cycle = context.Cycle;
        var status = context.Status;
        var error = context.Error;
        var action = context.Action;
        var steps = context.Steps;
        if (status == ProvisioningResult.Success && !context.Exported && !context.IsStaged)
        {
            // reference §1.4: EntrySynchronizationSkip, "The state of the user in both the source and target systems already match".
            var type = context.TypeName.ToLowerInvariant();
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, RedundantText, type);
            steps = [.. steps, new ProvisioningStep
            {
                Name = StepNames.EntrySynchronizationSkip,
                ProvisioningStepType = ProvisioningStepType.Export,
                Status = ProvisioningResult.Skipped,
                Description = text,
                Details = new Dictionary<string, string> { ["SkipReason"] = ProvisioningErrorCodes.RedundantExport },
            }];
            status = ProvisioningResult.Skipped;
            error = new ProvisioningErrorInfo { ErrorCode = ProvisioningErrorCodes.RedundantExport, Reason = text, ErrorCategory = ProvisioningErrorCategory.NonServiceFailure };
        }

        if (status == ProvisioningResult.Skipped)
        {
            action = context.IsStaged ? ProvisioningAction.StagedDelete : ProvisioningAction.Other;
        }

        var parts = cycle.LogParts;
        return new ProvisioningObjectSummary
        {
            Id = Guid.CreateVersion7(context.ActivityDateTime).ToString("D"),
            ActivityDateTime = context.ActivityDateTime,
            ChangeId = Guid.NewGuid().ToString("D"),
            CycleId = cycle.CycleId,
            JobId = cycle.JobId,
            DurationInMilliseconds = (int)Math.Min(int.MaxValue, context.Elapsed.TotalMilliseconds),
            ModifiedProperties = context.ModifiedProperties,
            ProvisioningAction = action,
            ProvisioningStatusInfo = new ProvisioningStatusInfo { Status = status, ErrorInformation = error },
            ProvisioningSteps = steps,
            ServicePrincipal = parts.ServicePrincipal,
            SourceIdentity = new ProvisionedIdentity
            {
                Id = context.SourceId.ToString("D"),
                DisplayName = context.DisplayName,
                IdentityType = context.TypeName,
            },
            SourceSystem = parts.SourceSystem,
            TargetIdentity = new ProvisionedIdentity
            {
                Id = context.TargetId ?? string.Empty,
                DisplayName = context.DisplayName,
                IdentityType = context.Plan.Mapping.TargetObjectName,
            },
            TargetSystem = parts.TargetSystem,
        };
    }
}
