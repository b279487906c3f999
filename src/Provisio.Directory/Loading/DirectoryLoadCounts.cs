namespace Provisio.Directory.Loading;

/// <summary>What a bulk load (<c>directory import</c> or <c>directory generate</c>) did, by kind of object and reference.</summary>
public sealed class DirectoryLoadCounts
{
    public ObjectLoadCounts Users { get; } = new();

    public ObjectLoadCounts Groups { get; } = new();

    /// <summary>Users' manager references.</summary>
    public ReferenceLoadCounts Managers { get; } = new();

    /// <summary>Groups' member references.</summary>
    public ReferenceLoadCounts Memberships { get; } = new();

    /// <summary>Rows (or generated items) reported with an error; their batches were not written.</summary>
    public long BadRows { get; internal set; }

    /// <summary>Nothing failed: every row and reference was written.</summary>
    public bool Succeeded => BadRows == 0 && Users.Failed == 0 && Groups.Failed == 0 && Managers.Failed == 0 && Memberships.Failed == 0;

    public ObjectLoadCounts For(Model.DirectoryObjectKind kind) => kind == Model.DirectoryObjectKind.User ? Users : Groups;

    public ReferenceLoadCounts For(Model.DirectoryRelation relation) => relation == Model.DirectoryRelation.Manager ? Managers : Memberships;
}

/// <summary>Objects of one kind: created, updated (they existed, by id or userPrincipalName), or not written.</summary>
public sealed class ObjectLoadCounts
{
    public long Created { get; internal set; }

    public long Updated { get; internal set; }

    /// <summary>Not written: the row was bad, or shared its batch with a bad row.</summary>
    public long Failed { get; internal set; }

    public long Total => Created + Updated + Failed;
}

/// <summary>References of one relation: added, already there, or not written.</summary>
public sealed class ReferenceLoadCounts
{
    public long Added { get; internal set; }

    /// <summary>Written again as they already were (a re-run).</summary>
    public long Unchanged { get; internal set; }

    /// <summary>Not written: unknown target, a refused reference, or a batch with one.</summary>
    public long Failed { get; internal set; }
}
