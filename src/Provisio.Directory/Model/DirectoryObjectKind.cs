namespace Provisio.Directory.Model;

/// <summary>The objects Entra's provisioning reads (reference entra-engine-and-api §1, §5).</summary>
public enum DirectoryObjectKind
{
    User,
    Group,
    ServicePrincipal,
}
