using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;

namespace Provisio.Synchronization.Tests.Health;

/// <summary>
/// The seed 002 "Escrow thresholds" (reference entra-engine-and-api §2.1), its five worked examples with exactly the
/// seed's outcomes, and each rule's boundary.
/// </summary>
public sealed class EscrowThresholdsTests
{
    [Theory]
    // "A job where 45,000 users were unsuccessfully provisioned would lead to quarantine as it exceeds the 40,000 threshold."
    [InlineData(45_000, 0, 0, QuarantineReason.EncounteredBaseEscrowThreshold)]
    // "30,000 users failed provisioning and 5,000 were successful would lead to quarantine as it exceeds the 40% threshold and 5,000 minimum."
    [InlineData(30_000, 5_000, 0, QuarantineReason.EncounteredEscrowProportionThreshold)]
    // "40,000 users failed to be provisioned and 21,000 manager updates failed. The total is 61,000 failures and exceeds the 60,000 limit."
    [InlineData(40_000, 0, 21_000, QuarantineReason.EncounteredTotalEscrowThreshold)]
    public void Evaluate_SeedExamplesThatQuarantine_NameTheRuleTheSeedNames(long failed, long succeeded, long references, QuarantineReason expected)
    {
        // Act
        var reason = EscrowThresholds.Evaluate(new EscrowTally(failed, succeeded, references));

        // Assert
        reason.ShouldBe(expected);
    }

    [Theory]
    // "A job with 20,000 failures and 100,000 success wouldn't go into quarantine."
    [InlineData(20_000, 100_000, 0)]
    // "A job with 4,000 failures wouldn't go into quarantine."
    [InlineData(4_000, 0, 0)]
    public void Evaluate_SeedExamplesThatDoNotQuarantine_ReturnNull(long failed, long succeeded, long references) =>
        EscrowThresholds.Evaluate(new EscrowTally(failed, succeeded, references)).ShouldBeNull();

    [Theory]
    // The minimum: 4,999 failures (all of them) are not evaluated; 5,000 are, and 100 % is over 40 %.
    [InlineData(4_999, 0, 0, null)]
    [InlineData(5_000, 0, 0, QuarantineReason.EncounteredEscrowProportionThreshold)]
    // Reference failures count toward the minimum but not toward the proportion.
    [InlineData(1_000, 10_000, 4_000, null)]
    // The proportion: exactly 40 % stays, 40.01 % quarantines.
    [InlineData(8_000, 12_000, 0, null)]
    [InlineData(8_002, 11_998, 0, QuarantineReason.EncounteredEscrowProportionThreshold)]
    // The count: 40,000 stays (under 40 % of 140,000), 40,001 quarantines.
    [InlineData(40_000, 100_000, 0, null)]
    [InlineData(40_001, 100_000, 0, QuarantineReason.EncounteredBaseEscrowThreshold)]
    // The absolute limit, references included: 60,000 stays, 60,001 quarantines.
    [InlineData(40_000, 100_000, 20_000, null)]
    [InlineData(40_000, 100_000, 20_001, QuarantineReason.EncounteredTotalEscrowThreshold)]
    // Reference failures alone never reach the 40 % or 40,000 rules.
    [InlineData(0, 0, 59_000, null)]
    public void Evaluate_Boundaries_QuarantineOnlyPastEachLimit(long failed, long succeeded, long references, QuarantineReason? expected) =>
        EscrowThresholds.Evaluate(new EscrowTally(failed, succeeded, references)).ShouldBe(expected);

    [Fact]
    public void Error_Proportion_GivesTheCountsAndWhatToDo()
    {
        // Act
        var error = EscrowThresholds.Error(QuarantineReason.EncounteredEscrowProportionThreshold, new EscrowTally(6_000, 0, 0));

        // Assert
        error.Code.ShouldBe("EncounteredEscrowProportionThreshold");
        error.Message!.ShouldContain("6,000 of 6,000 provisioning events failed");
        error.Message!.ShouldContain("restart the job");
        error.TenantActionable.ShouldBeTrue();
    }
}
