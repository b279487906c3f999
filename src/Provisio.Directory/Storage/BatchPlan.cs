using System.Text.Json.Nodes;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;

namespace Provisio.Directory.Storage;

/// <summary>
/// What a <see cref="DirectoryBatch"/> will do, decided in memory from the objects it matches, so that each store only
/// reads in bulk (the objects by id and name, then the references' ends) and writes in bulk (COPY, multi-row statements).
/// Both stores plan the same way; the rules are <see cref="DirectoryBatchObject"/>'s.
/// </summary>
internal sealed class BatchPlan
{
    private readonly DirectoryBatch _batch;
    private readonly Dictionary<Guid, DirectoryObjectKind> _written = [];
    private readonly Dictionary<string, int> _renames = new(StringComparer.OrdinalIgnoreCase);

    private BatchPlan(DirectoryBatch batch, Guid[] ids)
    {
        _batch = batch;
        Ids = ids;
    }

    /// <summary>Each object's id, in the batch's order.</summary>
    public Guid[] Ids { get; }

    public List<PlannedObject> Creates { get; } = [];

    public List<PlannedObject> Updates { get; } = [];

    public List<DirectoryBatchItemError> ObjectErrors { get; } = [];

    public List<DirectoryBatchItemError> ReferenceErrors { get; } = [];

    /// <summary>The references to add, a manager only once per user (the batch's last one).</summary>
    public List<DirectoryReference> References { get; } = [];

    /// <summary>userPrincipalNames that updates take from their users: each must not belong to another user.</summary>
    public IReadOnlyCollection<string> NewPrincipalNames => _renames.Keys;

    public bool Refused => ObjectErrors.Count > 0 || ReferenceErrors.Count > 0;

    /// <summary>The ids the batch names, to read before planning.</summary>
    public static List<Guid> IdsToRead(DirectoryBatch batch) => [.. batch.Objects.Where(item => item.Id is not null).Select(item => item.Id!.Value)];

    /// <summary>The users' userPrincipalNames, to read before planning.</summary>
    public static List<string> NamesToRead(DirectoryBatch batch) =>
        [.. batch.Objects.Select(item => DirectoryRules.PrincipalName(item.Kind, item.Properties)).OfType<string>()];

    /// <summary>Plans the objects: each matched one (by id, else by userPrincipalName, among <paramref name="existing"/>) is updated, the others created.</summary>
    public static BatchPlan ForObjects(DirectoryBatch batch, IEnumerable<DirectoryObject> existing)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var byId = new Dictionary<Guid, DirectoryObject>();
        var byName = new Dictionary<string, DirectoryObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var found in existing)
        {
            byId[found.Id] = found;
            if (DirectoryRules.PrincipalName(found.Kind, found.Properties) is { } name)
            {
                byName[name] = found;
            }
        }

        var plan = new BatchPlan(batch, new Guid[batch.Objects.Count]);
        for (var i = 0; i < batch.Objects.Count; i++)
        {
            var item = batch.Objects[i];
            var principalName = DirectoryRules.PrincipalName(item.Kind, item.Properties);
            var match = item.Id is { } given && byId.TryGetValue(given, out var withId) ? withId
                : principalName is not null && byName.TryGetValue(principalName, out var withName) ? withName
                : null;
            if (match is null)
            {
                // Written as given (the batch is written before the caller sees it again); copied only to drop an id.
                var properties = item.Properties;
                if (properties.ContainsKey("id"))
                {
                    properties = DirectoryRules.Copy(properties);
                    properties.Remove("id");
                }

                plan.Add(i, new PlannedObject(item.Id ?? Guid.NewGuid(), item.Kind, principalName, properties), create: true);
                continue;
            }

            if (plan._written.ContainsKey(match.Id))
            {
                plan.ObjectErrors.Add(new(i, new DirectoryError(DirectoryError.Conflict,
                    $"Object '{match.Id}' is matched by another item of the batch already (by id or userPrincipalName).")));
                continue;
            }

            var merged = DirectoryRules.Merge(match.Properties, item.Properties);
            var mergedName = DirectoryRules.PrincipalName(match.Kind, merged);
            if (DirectoryRules.CheckBatchUpdate(match, item, mergedName) is { } refused)
            {
                plan.ObjectErrors.Add(new(i, refused));
                continue;
            }

            if (mergedName is not null && !mergedName.Equals(DirectoryRules.PrincipalName(match.Kind, match.Properties), StringComparison.OrdinalIgnoreCase))
            {
                plan._renames[mergedName] = i;
            }

            plan.Add(i, new PlannedObject(match.Id, match.Kind, mergedName, merged), create: false);
        }

        return plan;
    }

    /// <summary>Refuses the creates whose id belonged to an object since permanently deleted (ids are never reused).</summary>
    public void RefusePurgedIds(IEnumerable<Guid> purged)
    {
        ArgumentNullException.ThrowIfNull(purged);
        var ids = purged.ToHashSet();
        for (var i = 0; i < _batch.Objects.Count; i++)
        {
            if (_batch.Objects[i].Id is { } id && ids.Contains(id) && Creates.Any(create => create.Id == id))
            {
                ObjectErrors.Add(new(i, DirectoryRules.IdTaken(id)));
            }
        }
    }

    /// <summary>Refuses the updates whose new userPrincipalName another user holds.</summary>
    public void RefuseTakenNames(IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        foreach (var name in taken)
        {
            if (_renames.TryGetValue(name, out var index))
            {
                ObjectErrors.Add(new(index, DirectoryRules.DuplicatePrincipalName(name)));
            }
        }
    }

    /// <summary>The references' ends that are not objects of this batch, to read before <see cref="PlanReferences"/>.</summary>
    public List<Guid> EndsToRead() =>
        [.. _batch.References.SelectMany(reference => new[] { reference.SourceId, reference.TargetId }).Where(id => !_written.ContainsKey(id)).Distinct()];

    /// <summary>Checks each reference's ends (objects of this batch, or <paramref name="others"/> read by <see cref="EndsToRead"/>).</summary>
    public void PlanReferences(IEnumerable<DirectoryObject> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var ends = others.ToDictionary(end => end.Id);
        DirectoryObject? End(Guid id) => _written.TryGetValue(id, out var kind) ? DirectoryRules.Stub(id, kind, softDeleted: false) : ends.GetValueOrDefault(id);

        var managers = new Dictionary<Guid, int>();
        for (var j = 0; j < _batch.References.Count; j++)
        {
            var reference = _batch.References[j];
            if (DirectoryRules.CheckReference(End(reference.SourceId), End(reference.TargetId), reference) is { } error)
            {
                ReferenceErrors.Add(new(j, error));
                continue;
            }

            if (reference.Relation == DirectoryRelation.Manager && managers.TryGetValue(reference.SourceId, out var earlier))
            {
                References[earlier] = reference;
                continue;
            }

            if (reference.Relation == DirectoryRelation.Manager)
            {
                managers[reference.SourceId] = References.Count;
            }

            References.Add(reference);
        }
    }

    /// <summary>Whether an object is written by this batch (it then has a new sequence already).</summary>
    public bool Writes(Guid id) => _written.ContainsKey(id);

    public DirectoryBatchResult ToResult(int referencesAdded) => Refused
        ? DirectoryBatchResult.Refused([.. ObjectErrors.OrderBy(error => error.Index)], ReferenceErrors)
        : new DirectoryBatchResult { Written = true, Ids = Ids, Created = Creates.Count, Updated = Updates.Count, ReferencesAdded = referencesAdded };

    private void Add(int index, PlannedObject planned, bool create)
    {
        (create ? Creates : Updates).Add(planned);
        Ids[index] = planned.Id;
        _written[planned.Id] = planned.Kind;
    }
}

/// <summary>An object a batch creates or updates, with the properties it will hold.</summary>
internal sealed record PlannedObject(Guid Id, DirectoryObjectKind Kind, string? PrincipalName, JsonObject Properties);
