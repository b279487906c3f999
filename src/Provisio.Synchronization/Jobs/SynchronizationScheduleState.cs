namespace Provisio.Synchronization.Jobs;

/// <summary>Graph's <c>synchronizationScheduleState</c>.</summary>
public enum SynchronizationScheduleState
{
    Active,
    Disabled,
    Paused,
}
