namespace Provisio.Directory.Import;

/// <summary>What an import file holds: users, groups, or memberships (<c>group,member</c>).</summary>
public enum DirectoryImportKind
{
    Users,
    Groups,
    Members,
}
