using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Source;

/// <summary>
/// Entra's side of a provisioning schema: the directory definition named <c>Azure Active Directory</c>, the
/// <c>sourceDirectoryName</c> of the outbound rules in Graph's examples and template dumps, with the user and group
/// objects of <see cref="EntraSourceObject"/>.
/// </summary>
public static class EntraSourceDirectory
{
    public const string Name = "Azure Active Directory";

    /// <summary>The id Graph's synchronization schema sample gives this directory (a stable id; Entra's own may differ per tenant).</summary>
    public const string Id = "66e4a8cc-1b7b-435e-95f8-f06cea133828";

    public static DirectoryDefinition Definition { get; } = new()
    {
        Id = Id,
        Name = Name,
        Objects = [EntraSourceObject.User.Definition, EntraSourceObject.Group.Definition],
    };
}
