using Provisio.Directory.Model;

namespace Provisio.Directory.Import;

/// <summary>The ids a batch's names were found under; turns a row's names into ids or says, for its line, why not.</summary>
internal sealed class ResolvedNames(Dictionary<string, Guid> users, Dictionary<string, List<Guid>> groups, ImportRun run)
{
    /// <summary>The id of the row's own object (a membership row's group), or null with the reason added to <paramref name="errors"/>.</summary>
    public Guid? Source(ImportRow row, List<string> errors)
    {
        if (string.IsNullOrEmpty(row.Key))
        {
            return null;
        }

        if (row.Kind == DirectoryObjectKind.User)
        {
            if (users.TryGetValue(row.Key, out var user))
            {
                return user;
            }

            errors.Add($"the user '{row.Key}' is not in the directory");
            return null;
        }

        if (groups.TryGetValue(row.Key, out var ids))
        {
            if (ids.Count == 1)
            {
                return ids[0];
            }

            errors.Add($"{ids.Count} groups are named '{row.Key}': use the group's id");
            return null;
        }

        errors.Add($"no group is named '{row.Key}'");
        return null;
    }

    /// <summary>The id a manager or member name stands for (an id stands for itself: the store checks it), or null with the reason.</summary>
    public Guid? Target(DirectoryRelation relation, string name, List<string> errors)
    {
        if (Guid.TryParse(name, out var id))
        {
            return id;
        }

        if (relation == DirectoryRelation.Manager)
        {
            if (users.TryGetValue(name, out var manager))
            {
                return manager;
            }

            errors.Add(run.NotImportedLine(DirectoryObjectKind.User, name) is { } line
                ? $"manager '{name}' is on line {line}, which was not imported"
                : $"manager '{name}' is not a user in the directory");
            return null;
        }

        if (name.Contains('@', StringComparison.Ordinal) && users.TryGetValue(name, out var user))
        {
            return user;
        }

        if (groups.TryGetValue(name, out var ids))
        {
            if (ids.Count == 1)
            {
                return ids[0];
            }

            errors.Add($"member '{name}': {ids.Count} groups have this displayName; use the group's id");
            return null;
        }

        errors.Add((run.NotImportedLine(DirectoryObjectKind.User, name) ?? run.NotImportedLine(DirectoryObjectKind.Group, name)) is { } memberLine
            ? $"member '{name}' is on line {memberLine}, which was not imported"
            : $"member '{name}' is neither a user (userPrincipalName) nor a group (displayName) in the directory");
        return null;
    }
}
