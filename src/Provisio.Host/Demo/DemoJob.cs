namespace Provisio.Host.Demo;

/// <summary>A demo application's service principal and job; <see cref="Fresh"/> when this run created them.</summary>
internal sealed record DemoJob(DemoApplication Application, Guid ServicePrincipalId, string JobId, bool Fresh)
{
    /// <summary>Users assigned directly whom the set-up unassigns after the first cycle (Woodgrove's mass deletion).</summary>
    public IReadOnlyList<Guid> UnassignAfterFirstCycle { get; init; } = [];
}
