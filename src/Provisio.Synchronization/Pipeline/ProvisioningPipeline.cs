namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// The per-object pipeline in Entra's order (reference entra-engine-and-api §1.4): import, scoping, matching,
/// processing, (accidental-deletion protection,) export, reference resolution; a reference to an object of the same page is resolved again once the
/// page's objects exist in the target.
/// </summary>
public static class ProvisioningPipeline
{
    public static IReadOnlyList<IProvisioningHandler> Object { get; } =
        [new ImportHandler(), new ScopingHandler(), new MatchingHandler(), new ProcessingHandler(), new DeletionGuardHandler(), new ExportHandler(), new ReferenceHandler()];

    public static IReadOnlyList<IProvisioningHandler> References { get; } = [new ReferenceHandler()];

    public static async ValueTask RunAsync(IReadOnlyList<IProvisioningHandler> handlers, ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var handler in handlers)
        {
            if (context.IsDone)
            {
                return;
            }

            await handler.HandleAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }
}
