namespace Provisio.Synchronization.Export;

/// <summary>
/// The members to add to and remove from a target group: the target ids of its resolved members now against those
/// last exported (reference entra-engine-and-api §1.8, entra-expressions-and-scim B.5). Ids compare ordinally; adds keep
/// the order of the current members, removes that of the last exported ones.
/// </summary>
public sealed record MembershipChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    /// <summary>
    /// Members per PATCH unless a job says otherwise. Entra sends several in one request but does not document how many
    /// (reference B.5: "Batch size UNDOCUMENTED"); this is Provisio's choice.
    /// </summary>
    public const int DefaultMaximumPerRequest = 100;

    public static MembershipChanges None { get; } = new([], []);

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0;

    public static MembershipChanges Compute(IEnumerable<string> lastExported, IEnumerable<string> current)
    {
        ArgumentNullException.ThrowIfNull(lastExported);
        ArgumentNullException.ThrowIfNull(current);
        var last = lastExported as IReadOnlyCollection<string> ?? lastExported.ToList();
        var now = current as IReadOnlyCollection<string> ?? current.ToList();
        var lastSet = new HashSet<string>(last, StringComparer.Ordinal);
        var nowSet = new HashSet<string>(now.Count, StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var id in now)
        {
            if (nowSet.Add(id) && !lastSet.Contains(id))
            {
                added.Add(id);
            }
        }

        var removed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in last)
        {
            if (seen.Add(id) && !nowSet.Contains(id))
            {
                removed.Add(id);
            }
        }

        return added.Count == 0 && removed.Count == 0 ? None : new MembershipChanges(added, removed);
    }

    /// <summary>The adds, at most <paramref name="maximumPerRequest"/> per PATCH (reference B.5: several members per request).</summary>
    public IReadOnlyList<IReadOnlyList<string>> AddBatches(int maximumPerRequest = DefaultMaximumPerRequest) => Batches(Added, maximumPerRequest);

    /// <summary>The removes, at most <paramref name="maximumPerRequest"/> per PATCH.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RemoveBatches(int maximumPerRequest = DefaultMaximumPerRequest) => Batches(Removed, maximumPerRequest);

    private static IReadOnlyList<IReadOnlyList<string>> Batches(IReadOnlyList<string> ids, int maximumPerRequest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumPerRequest, 1);
        var batches = new List<IReadOnlyList<string>>((ids.Count + maximumPerRequest - 1) / maximumPerRequest);
        for (var start = 0; start < ids.Count; start += maximumPerRequest)
        {
            var batch = new string[Math.Min(maximumPerRequest, ids.Count - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = ids[start + i];
            }

            batches.Add(batch);
        }

        return batches;
    }
}
