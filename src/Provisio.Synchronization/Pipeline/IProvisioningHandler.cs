namespace Provisio.Synchronization.Pipeline;

/// <summary>One stage of the per-object pipeline (STYLE.md §2): it may end the journey, add a step, or pass on.</summary>
public interface IProvisioningHandler
{
    ValueTask HandleAsync(ProvisioningContext context, CancellationToken cancellationToken);
}
