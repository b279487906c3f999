namespace Provisio.Api.OData;

/// <summary>
/// <c>$orderby</c>: one string property, ascending unless <c>desc</c>; <see cref="Property"/> null sorts by id
/// (a listing's order without <c>$orderby</c>, or <c>$orderby=id</c>).
/// </summary>
internal sealed record ODataOrder(string? Property, bool Descending)
{
    public static ODataOrder ById { get; } = new(null, Descending: false);

    public static ODataResult<ODataOrder> Parse(string text, ODataResource resource)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(resource);
        if (text.Contains(',', StringComparison.Ordinal))
        {
            // Graph's directory answers Request_UnsupportedQuery "Sorting not supported for current query." to what it cannot sort.
            return ODataQueryError.Unsupported($"Sorting not supported for current query: '$orderby={text}' sorts by more than one property; Provisio sorts by one.");
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length is 0 or > 2 || (words.Length == 2 && !IsDirection(words[1])))
        {
            return new ODataQueryError(ODataQueryError.BadRequest,
                $"Invalid $orderby '{text}': write one property, optionally followed by asc or desc ('$orderby=displayName desc').");
        }

        var descending = words.Length == 2 && words[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        if (resource.Find(words[0]) is not { } property)
        {
            return new ODataQueryError(ODataQueryError.BadRequest,
                $"Invalid $orderby: Could not find a property named '{words[0]}' on type '{resource.TypeName}'.");
        }

        return property.Type switch
        {
            ODataPropertyType.Id => ODataResult<ODataOrder>.Success(new ODataOrder(null, descending)),
            ODataPropertyType.String when !property.Name.Contains('/', StringComparison.Ordinal) =>
                ODataResult<ODataOrder>.Success(new ODataOrder(property.Name, descending)),
            _ => ODataQueryError.Unsupported(
                $"Sorting not supported for current query: '{property.Name}' is not a string property; sort by one such as displayName."),
        };
    }

    private static bool IsDirection(string word) =>
        word.Equals("asc", StringComparison.OrdinalIgnoreCase) || word.Equals("desc", StringComparison.OrdinalIgnoreCase);
}
