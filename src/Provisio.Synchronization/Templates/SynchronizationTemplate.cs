using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Templates;

/// <summary>
/// Graph's <c>synchronizationTemplate</c> (reference entra-engine-and-api §6.11), as
/// <c>GET .../synchronization/templates</c> lists it: preconfigured settings and the default schema a job starts from.
/// </summary>
public sealed record SynchronizationTemplate
{
    public required string Id { get; init; }

    /// <summary>The application the template belongs to; for gallery applications, the application template's id.</summary>
    public Guid ApplicationId { get; init; }

    /// <summary>Whether this is the template recommended for the application.</summary>
    public bool Default { get; init; }

    public string? Description { get; init; }

    public bool Discoverable { get; init; }

    /// <summary>The synchronization factory the template runs on (<c>aws</c>, <c>CustomSCIM</c>, ...).</summary>
    public string? FactoryTag { get; init; }

    /// <summary>Keys such as <c>galleryApplicationIdentifier</c>, <c>galleryApplicationKey</c>, <c>configurationFields</c>.</summary>
    public IReadOnlyList<MetadataEntry> Metadata { get; init; } = [];

    public SynchronizationSchema? Schema { get; init; }
}
