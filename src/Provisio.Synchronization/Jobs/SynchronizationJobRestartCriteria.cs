using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Jobs;

/// <summary>Graph's <c>synchronizationJobRestartCriteria</c>, the body of <c>POST .../jobs/{id}/restart</c>: <c>{"criteria":{"resetScope":"..."}}</c>.</summary>
public sealed record SynchronizationJobRestartCriteria
{
    /// <summary>Null when empty or absent: the portal's "Restart provisioning".</summary>
    [JsonConverter(typeof(RestartScopeConverter))]
    public SynchronizationJobRestartScope? ResetScope { get; init; }

    /// <summary>
    /// What the restart resets: an empty scope "is similar to setting the resetScope to include QuarantineState,
    /// Watermark, and Escrows" (reference entra-engine-and-api §6.8).
    /// </summary>
    [JsonIgnore]
    public SynchronizationJobRestartScope EffectiveScope => ResetScope
        ?? SynchronizationJobRestartScope.QuarantineState | SynchronizationJobRestartScope.Watermark | SynchronizationJobRestartScope.Escrows;
}
