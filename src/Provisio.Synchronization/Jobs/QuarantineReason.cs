namespace Provisio.Synchronization.Jobs;

/// <summary>
/// Graph's <c>quarantineReason</c> (reference entra-engine-and-api §2.2). <c>EncounteredQuarantineException</c>:
/// invalid credentials or the target unreachable; <c>EncounteredEscrowProportionThreshold</c>: more than 40 % of the
/// events failed; <c>TooManyDeletes</c>: the accidental-deletion threshold was exceeded. (The quarantine documentation
/// spells the manual one <c>QuarantineOnDemand</c>; Graph's enum, used here, says <c>QuarantinedOnDemand</c>.)
/// </summary>
public enum QuarantineReason
{
    EncounteredBaseEscrowThreshold,
    EncounteredTotalEscrowThreshold,
    EncounteredEscrowProportionThreshold,
    EncounteredQuarantineException,
    Unknown,
    QuarantinedOnDemand,
    TooManyDeletes,
    IngestionInterrupted,
}
