using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Health;

/// <summary>
/// When failures put a job in quarantine (the seed 002 "Escrow thresholds", reference entra-engine-and-api §2.1):
/// nothing is evaluated below 5,000 failures; then more than 60,000 failures counting reference failures
/// (<c>EncounteredTotalEscrowThreshold</c>), more than 40,000 failures not counting them
/// (<c>EncounteredBaseEscrowThreshold</c>), or more than 40 % of the provisioning events failed, not counting them
/// (<c>EncounteredEscrowProportionThreshold</c>). The reasons are checked in that order, so each of the seed's examples
/// is named by the rule the seed says it exceeds.
/// </summary>
public static class EscrowThresholds
{
    public const long MinimumFailures = 5_000;

    public const long BaseLimit = 40_000;

    public const long TotalLimit = 60_000;

    public const double ProportionLimit = 0.40;

    /// <summary>The reason the tally quarantines the job, or null when it does not.</summary>
    public static QuarantineReason? Evaluate(EscrowTally tally)
    {
        if (tally.TotalFailures < MinimumFailures)
        {
            return null;
        }

        if (tally.TotalFailures > TotalLimit)
        {
            return QuarantineReason.EncounteredTotalEscrowThreshold;
        }

        if (tally.Failed > BaseLimit)
        {
            return QuarantineReason.EncounteredBaseEscrowThreshold;
        }

        // Integer comparison: 40.00 % exactly does not quarantine, 40.01 % does (5 * failed > 2 * events).
        return tally.Failed * 5 > (tally.Failed + tally.Succeeded) * 2 ? QuarantineReason.EncounteredEscrowProportionThreshold : null;
    }

    /// <summary>What the quarantine's error says for a threshold reason: the counts and what to do.</summary>
    public static SynchronizationError Error(QuarantineReason reason, EscrowTally tally) => new()
    {
        Code = reason.ToString(),
        Message = reason switch
        {
            QuarantineReason.EncounteredTotalEscrowThreshold =>
                $"{tally.TotalFailures:N0} failures ({tally.Failed:N0} objects, {tally.ReferenceFailed:N0} references) exceed the limit of {TotalLimit:N0}.",
            QuarantineReason.EncounteredBaseEscrowThreshold =>
                $"{tally.Failed:N0} objects failed to provision, more than the limit of {BaseLimit:N0}.",
            _ => $"{tally.Failed:N0} of {tally.Failed + tally.Succeeded:N0} provisioning events failed ({tally.FailedProportion:P1}), more than {ProportionLimit:P0}.",
        } + " Review the provisioning logs (status eq 'failure') for the most common error, fix it (mappings, missing attributes, the target's API), then restart the job.",
        TenantActionable = true,
    };
}
