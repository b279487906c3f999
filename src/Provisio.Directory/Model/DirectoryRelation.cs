namespace Provisio.Directory.Model;

/// <summary>References between objects: a user's manager, a group's members and owners, an application's assignments.</summary>
public enum DirectoryRelation
{
    Manager,
    Member,
    Owner,
    AppRoleAssignment,
}
