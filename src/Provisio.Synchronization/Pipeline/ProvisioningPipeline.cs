namespace Provisio.Synchronization.Pipeline;

/// <summary>
/// The per-object pipeline in Entra's order (reference entra-engine-and-api §1.4): import, scoping, matching,
/// processing, export; then, once the page's objects exist in the target, reference resolution.
/// </summary>
public static class ProvisioningPipeline
{
    public static IReadOnlyList<IProvisioningHandler> Object { get; } =
        [new ImportHandler(), new ScopingHandler(), new MatchingHandler(), new ProcessingHandler(), new ExportHandler()];

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
