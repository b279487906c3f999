namespace Provisio.Synchronization.Storage;

/// <summary>A job's escrows by kind (object failures count toward the 40 % / 40,000 thresholds, references only toward 60,000).</summary>
public sealed record EscrowCounts(long Objects, long References)
{
    public long Total => Objects + References;
}
