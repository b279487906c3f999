namespace Provisio.Synchronization.Scoping;

/// <summary>The three group sets of Graph's <c>filter</c> (reference: entra-engine-and-api §4.1), by their JSON names.</summary>
public static class ScopingFilterCollections
{
    /// <summary>The scoping filter: an object that stops satisfying it is deprovisioned.</summary>
    public const string Groups = "groups";

    /// <summary>Experimental: filters objects as they are read; one that stops satisfying it is not deprovisioned.</summary>
    public const string InputFilterGroups = "inputFilterGroups";

    /// <summary>Experimental: which objects belong to the object mapping.</summary>
    public const string CategoryFilterGroups = "categoryFilterGroups";

    /// <summary>How a message names a group of the collection ("Scoping filter 'Sales'").</summary>
    internal static string Describe(string collection) => collection switch
    {
        InputFilterGroups => "Input filter",
        CategoryFilterGroups => "Category filter",
        _ => "Scoping filter",
    };
}
