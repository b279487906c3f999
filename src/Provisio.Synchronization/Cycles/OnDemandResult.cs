using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Cycles;

/// <summary>What on-demand provisioning did: one log entry per object (steps with their details), or why it could not run.</summary>
public sealed record OnDemandResult(IReadOnlyList<ProvisioningObjectSummary> Entries, SynchronizationError? Error);
