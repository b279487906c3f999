namespace Provisio.Synchronization.Jobs;

/// <summary>Graph's <c>synchronizationSchedule</c> (reference entra-engine-and-api §6.3): when the job runs.</summary>
public sealed record SynchronizationSchedule
{
    /// <summary>Entra's cycle interval for app provisioning: "typically every 40 minutes" (reference §1.12).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(40);

    /// <summary>
    /// A new or stopped job's schedule: <c>{"expiration":null,"interval":"P10675199DT2H48M5.4775807S","state":"Disabled"}</c>,
    /// the interval being <see cref="TimeSpan.MaxValue"/> (reference §1.12).
    /// </summary>
    public static SynchronizationSchedule NewJob { get; } = new() { Interval = TimeSpan.MaxValue, State = SynchronizationScheduleState.Disabled };

    public DateTimeOffset? Expiration { get; init; }

    /// <summary>An ISO 8601 duration in JSON: <c>PT40M</c>.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    public SynchronizationScheduleState State { get; init; } = SynchronizationScheduleState.Disabled;
}
