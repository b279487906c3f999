using Provisio.Synchronization.Logs;

namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// Between processing and export: a delete or a disable that accidental-deletion protection holds back is staged, not
/// exported (<see cref="Health.DeletionGuard"/>); the cycle decides at its end whether staged deletions go out.
/// </summary>
public sealed class DeletionGuardHandler : IProvisioningHandler
{
    public ValueTask HandleAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Action is ProvisioningAction.Delete or ProvisioningAction.Disable
            && context.Update is not { IsRedundant: true }
            && context.Cycle.Deletions is { } guard
            && guard.Holds(context.SourceId))
        {
            context.Stage();
        }

        return ValueTask.CompletedTask;
    }
}
