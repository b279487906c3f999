using System.Text.Json.Nodes;

namespace Provisio.Api.OData;

/// <summary>
/// <c>$select</c>: the properties a response keeps, in Graph's spelling. Graph returns only what was selected, so
/// <c>id</c> too only when selected (user-list example 10: <c>$select=ext..._msLearnCourses</c> answers <c>{}</c>);
/// a declared property without a value comes back as null, an extension without one is left out. Null selection: everything.
/// </summary>
internal sealed record ODataSelection(IReadOnlyList<ODataProperty> Properties)
{
    /// <summary>What <c>@odata.context</c> appends: <c>(id,displayName)</c>, or nothing without a selection.</summary>
    public string ContextSuffix => $"({string.Join(',', Properties.Select(property => property.Name))})";

    /// <summary>Keeps <c>@odata.*</c> annotations and the selected properties of an object in Graph's shape.</summary>
    public JsonObject Apply(JsonObject graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var byName = graph.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        var selected = new JsonObject();
        foreach (var (name, value) in graph)
        {
            if (name.StartsWith("@odata.", StringComparison.Ordinal))
            {
                selected[name] = value?.DeepClone();
            }
        }

        foreach (var property in Properties)
        {
            if (byName.TryGetValue(property.Name, out var value))
            {
                selected[property.Name] = value?.DeepClone();
            }
            else if (property.Type != ODataPropertyType.Untyped)
            {
                selected[property.Name] = null;
            }
        }

        return selected;
    }

    /// <summary>
    /// Parses <c>id,displayName</c> (names case-insensitive, spaces allowed around commas; <c>*</c> is everything).
    /// A name the type lacks is Graph's 400: "Parsing OData Select and Expand failed: Could not find a property named ...".
    /// </summary>
    public static ODataResult<ODataSelection?> Parse(string text, ODataResource resource)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(resource);
        var properties = new List<ODataProperty>();
        foreach (var item in text.Split(','))
        {
            var name = item.Trim();
            if (name == "*")
            {
                return ODataResult<ODataSelection?>.Success(null);
            }

            if (name.Length == 0)
            {
                return new ODataQueryError(ODataQueryError.BadRequest,
                    $"Parsing OData Select and Expand failed: An identifier was expected in '$select={text}': remove the empty item.");
            }

            if (name.Contains('/', StringComparison.Ordinal))
            {
                return new ODataQueryError(ODataQueryError.BadRequest,
                    $"Parsing OData Select and Expand failed: '{name}' is a path; $select takes whole properties (select '{name[..name.IndexOf('/', StringComparison.Ordinal)]}').");
            }

            if (resource.Find(name, allowMetadata: true) is not { } property)
            {
                return new ODataQueryError(ODataQueryError.BadRequest,
                    $"Parsing OData Select and Expand failed: Could not find a property named '{name}' on type '{resource.TypeName}'.");
            }

            if (!properties.Any(known => known.Name.Equals(property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                properties.Add(property);
            }
        }

        return ODataResult<ODataSelection?>.Success(new ODataSelection(properties));
    }
}
