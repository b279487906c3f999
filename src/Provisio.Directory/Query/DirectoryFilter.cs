namespace Provisio.Directory.Query;

/// <summary>
/// A condition on directory objects, as Graph's <c>$filter</c> states it (<c>eq</c>, <c>ne</c>, <c>startswith</c>,
/// <c>in</c>, <c>and</c>, <c>or</c>, <c>not</c>). Stores translate it to SQL; <see cref="Matches"/> is the reference
/// meaning both translations are tested against.
/// </summary>
/// <remarks>
/// Property names are Graph's spelling (<c>displayName</c>), <c>id</c>, or a path into a complex property with
/// <c>/</c> (<c>onPremisesExtensionAttributes/extensionAttribute1</c>). Values are strings, booleans or null.
/// Strings compare ignoring case (Graph's directory queries do); a missing property equals null.
/// </remarks>
public abstract record DirectoryFilter
{
    /// <summary>Whether an object's properties satisfy the filter (its id read from <paramref name="id"/>).</summary>
    public abstract bool Matches(Guid id, System.Text.Json.Nodes.JsonObject properties);
}
