using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Directory.Import;

/// <summary>
/// Finds many objects by name at once, for an import's references: users by userPrincipalName, groups by displayName,
/// with <see cref="InFilter"/> queries of at most <see cref="NamesPerQuery"/> names each.
/// </summary>
internal sealed class DirectoryNameLookup(IDirectoryStore store)
{
    /// <summary>
    /// Names per query: a page's worth, so one query answers each chunk. (While stores wrote <c>in</c> as a chain of
    /// <c>or</c>, SQLite refused more than about 1,000 terms; a test keeps a batch that needs several queries.)
    /// </summary>
    public const int NamesPerQuery = DirectoryQuery.MaximumTop;

    /// <summary>The ids of the live users with these userPrincipalNames (any case); names not found are absent.</summary>
    public async Task<Dictionary<string, Guid>> UsersAsync(IEnumerable<string> principalNames, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        await foreach (var user in FindAsync(DirectoryObjectKind.User, "userPrincipalName", principalNames, cancellationToken).ConfigureAwait(false))
        {
            if (user["userPrincipalName"] is { } name)
            {
                found[name] = user.Id;
            }
        }

        return found;
    }

    /// <summary>The ids of the live groups with these displayNames (any case): more than one when several share a name.</summary>
    public async Task<Dictionary<string, List<Guid>>> GroupsAsync(IEnumerable<string> displayNames, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, List<Guid>>(StringComparer.OrdinalIgnoreCase);
        await foreach (var group in FindAsync(DirectoryObjectKind.Group, "displayName", displayNames, cancellationToken).ConfigureAwait(false))
        {
            if (group["displayName"] is { } name)
            {
                if (!found.TryGetValue(name, out var ids))
                {
                    found[name] = ids = [];
                }

                ids.Add(group.Id);
            }
        }

        return found;
    }

    private async IAsyncEnumerable<DirectoryObject> FindAsync(DirectoryObjectKind kind, string property, IEnumerable<string> names,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in names.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(NamesPerQuery))
        {
            var query = new DirectoryQuery { Kind = kind, Filter = new InFilter(property, chunk), Top = DirectoryQuery.MaximumTop };
            while (true)
            {
                var page = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    yield return item;
                }

                if (page.Next is null)
                {
                    break;
                }

                query = query with { After = page.Next };
            }
        }
    }
}
