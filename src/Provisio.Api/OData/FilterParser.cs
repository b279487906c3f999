using Provisio.Directory.Query;

namespace Provisio.Api.OData;

/// <summary>
/// Graph's <c>$filter</c> for directory listings, into a <see cref="DirectoryFilter"/>: <c>eq</c>, <c>ne</c>,
/// <c>startswith(property, 'text')</c>, <c>in ('a', 'b')</c>, <c>and</c>, <c>or</c>, <c>not</c> and parentheses;
/// values are <c>'text'</c> (<c>''</c> is a quote), <c>true</c>, <c>false</c> and <c>null</c>. Property names are
/// case-insensitive and come out in Graph's spelling. Precedence is OData's: <c>not</c>, then comparisons, then
/// <c>and</c>, then <c>or</c>.
/// </summary>
/// <remarks>
/// Pure: text in, a filter or a positioned <see cref="ODataQueryError"/> out. Chains of <c>and</c> and <c>or</c> come
/// out as balanced trees (the same meaning), so a long chain does not become a deep tree for a store's SQL.
/// </remarks>
internal sealed class FilterParser
{
    /// <summary>Parentheses and <c>not</c> nest at most this deep.</summary>
    public const int MaximumDepth = 32;

    /// <summary>At most this many comparisons (each value of an <c>in</c> list counts).</summary>
    public const int MaximumComparisons = 200;

    private const string Supported = "Provisio supports eq, ne, startswith, in, and, or and not";

    private const string ExpectedValue = "a value ('text', true, false or null)";

    /// <summary>OData functions Graph knows that Provisio's directory does not evaluate.</summary>
    private static readonly HashSet<string> UnsupportedFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "endswith", "contains", "tolower", "toupper", "trim", "substring", "indexof", "length", "concat", "matchesPattern",
        "year", "month", "day", "hour", "minute", "second", "date", "time", "now", "round", "floor", "ceiling", "cast", "isof",
    };

    private readonly string _text;
    private readonly ODataResource _resource;
    private readonly IReadOnlyList<FilterToken> _tokens;
    private int _index;
    private int _depth;
    private int _comparisons;

    private FilterParser(string text, ODataResource resource, IReadOnlyList<FilterToken> tokens)
    {
        _text = text;
        _resource = resource;
        _tokens = tokens;
    }

    private FilterToken Current => _tokens[_index];

    public static ODataResult<DirectoryFilter> Parse(string text, ODataResource resource)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(resource);
        var tokens = FilterLexer.Tokenize(text);
        if (!tokens.Succeeded)
        {
            return tokens.Error;
        }

        var parser = new FilterParser(text, resource, tokens.Value!);
        var filter = parser.ParseOr();
        if (!filter.Succeeded)
        {
            return filter;
        }

        return parser.Current.Kind == FilterTokenKind.End
            ? filter
            : parser.Syntax(parser.Current, "'and', 'or' or the end of the filter");
    }

    private ODataResult<DirectoryFilter> ParseOr() =>
        ParseChain("or", ParseAnd, static (left, right) => new OrFilter(left, right));

    private ODataResult<DirectoryFilter> ParseAnd() =>
        ParseChain("and", ParseUnary, static (left, right) => new AndFilter(left, right));

    private ODataResult<DirectoryFilter> ParseChain(string keyword, Func<ODataResult<DirectoryFilter>> operand,
        Func<DirectoryFilter, DirectoryFilter, DirectoryFilter> combine)
    {
        var terms = new List<DirectoryFilter>();
        while (true)
        {
            var term = operand();
            if (!term.Succeeded)
            {
                return term;
            }

            terms.Add(term.Value!);
            if (!Current.IsKeyword(keyword))
            {
                return ODataResult<DirectoryFilter>.Success(Balance(terms, 0, terms.Count, combine));
            }

            _index++;
        }
    }

    private static DirectoryFilter Balance(List<DirectoryFilter> terms, int start, int count, Func<DirectoryFilter, DirectoryFilter, DirectoryFilter> combine)
    {
        if (count == 1)
        {
            return terms[start];
        }

        var half = count / 2;
        return combine(Balance(terms, start, half, combine), Balance(terms, start + half, count - half, combine));
    }

    private ODataResult<DirectoryFilter> ParseUnary()
    {
        if (!Current.IsKeyword("not"))
        {
            return ParsePrimary();
        }

        var not = Current;
        _index++;
        return Nested(not, () =>
        {
            var operand = ParseUnary();
            return operand.Succeeded ? ODataResult<DirectoryFilter>.Success(new NotFilter(operand.Value!)) : operand;
        });
    }

    private ODataResult<DirectoryFilter> ParsePrimary()
    {
        var token = Current;
        if (token.Kind == FilterTokenKind.OpenParenthesis)
        {
            _index++;
            return Nested(token, () =>
            {
                var inner = ParseOr();
                if (!inner.Succeeded)
                {
                    return inner;
                }

                if (Current.Kind != FilterTokenKind.CloseParenthesis)
                {
                    return Syntax(Current, "')'");
                }

                _index++;
                return inner;
            });
        }

        if (token.Kind != FilterTokenKind.Identifier)
        {
            return Syntax(token, "a condition (a property name, startswith(...), not or '(')");
        }

        if (_tokens[_index + 1].Kind == FilterTokenKind.OpenParenthesis)
        {
            return ParseFunction();
        }

        var property = ParseProperty();
        return property.Succeeded ? ParseComparison(property.Value) : property.Error;
    }

    private ODataResult<DirectoryFilter> Nested(FilterToken token, Func<ODataResult<DirectoryFilter>> parse)
    {
        if (++_depth > MaximumDepth)
        {
            return ODataQueryError.Unsupported(
                $"The filter nests parentheses and 'not' more than {MaximumDepth} deep (at position {token.Position}); simplify it.") with { Position = token.Position };
        }

        var result = parse();
        _depth--;
        return result;
    }

    /// <summary><c>name</c> or <c>name/name</c>, resolved against the resource; lambdas (<c>proxyAddresses/any(...)</c>) are refused.</summary>
    private ODataResult<ODataProperty> ParseProperty()
    {
        var start = Current;
        if (start.Kind != FilterTokenKind.Identifier)
        {
            return Syntax(start, "a property name");
        }

        _index++;
        var path = start.Text;
        while (Current.Kind == FilterTokenKind.Slash)
        {
            var segment = _tokens[_index + 1];
            if (segment.Kind != FilterTokenKind.Identifier)
            {
                return Syntax(segment, "a property name after '/'");
            }

            if ((segment.IsKeyword("any") || segment.IsKeyword("all")) && _tokens[_index + 2].Kind == FilterTokenKind.OpenParenthesis)
            {
                return ODataQueryError.Unsupported(
                    $"The lambda operator '{segment.Text}' (at position {segment.Position}) is not supported in $filter: Provisio does not filter multi-valued properties such as '{path}'.")
                    with { Position = segment.Position };
            }

            path += "/" + segment.Text;
            _index += 2;
        }

        if (_resource.Find(path) is not { } property)
        {
            return new ODataQueryError(ODataQueryError.BadRequest,
                $"Invalid filter clause: Could not find a property named '{path}' on type '{_resource.TypeName}'.", start.Position);
        }

        return property.Type switch
        {
            ODataPropertyType.Collection => Unfilterable(property, start, "multi-valued properties (Graph's any and all) are not supported"),
            ODataPropertyType.Complex => Unfilterable(property, start, "complex properties cannot be compared"),
            _ => ODataResult<ODataProperty>.Success(property),
        };
    }

    private ODataQueryError Unfilterable(ODataProperty property, FilterToken at, string why) => ODataQueryError.Unsupported(
        $"Unsupported or invalid query filter clause specified for property '{property.Name}' of resource '{_resource.Resource}': {why}.")
        with { Position = at.Position };

    private ODataResult<DirectoryFilter> ParseComparison(ODataProperty property)
    {
        var operation = Current;
        if (operation.IsKeyword("eq") || operation.IsKeyword("ne"))
        {
            _index++;
            var equal = operation.IsKeyword("eq");
            var value = ParseValue();
            if (!value.Succeeded)
            {
                return value.Error;
            }

            var coerced = Coerce(property, value.Value.Value, value.Value.Token, equal ? "Equal" : "NotEqual");
            if (!coerced.Succeeded)
            {
                return coerced.Error;
            }

            return Counted(operation, 1, new PropertyFilter(property.Name, equal ? FilterOperator.Equal : FilterOperator.NotEqual, coerced.Value));
        }

        if (operation.IsKeyword("in"))
        {
            _index++;
            return ParseIn(property, operation);
        }

        if (operation.IsKeyword("gt") || operation.IsKeyword("ge") || operation.IsKeyword("lt") || operation.IsKeyword("le") || operation.IsKeyword("has"))
        {
            return ODataQueryError.Unsupported($"The operator '{operation.Text}' (at position {operation.Position}) is not supported in $filter; {Supported}.")
                with { Position = operation.Position };
        }

        return Syntax(operation, "an operator (eq, ne or in)");
    }

    private ODataResult<DirectoryFilter> ParseIn(ODataProperty property, FilterToken operation)
    {
        if (Current.Kind != FilterTokenKind.OpenParenthesis)
        {
            return Syntax(Current, "'(' and a list of values");
        }

        _index++;
        var values = new List<object?>();
        while (true)
        {
            var value = ParseValue();
            if (!value.Succeeded)
            {
                return value.Error;
            }

            var coerced = Coerce(property, value.Value.Value, value.Value.Token, "In");
            if (!coerced.Succeeded)
            {
                return coerced.Error;
            }

            values.Add(coerced.Value);
            if (Current.Kind == FilterTokenKind.CloseParenthesis)
            {
                _index++;
                return Counted(operation, values.Count, new InFilter(property.Name, values));
            }

            if (Current.Kind != FilterTokenKind.Comma)
            {
                return Syntax(Current, "',' or ')'");
            }

            _index++;
        }
    }

    private ODataResult<DirectoryFilter> ParseFunction()
    {
        var name = Current;
        if (!name.IsKeyword("startswith"))
        {
            return UnsupportedFunctions.Contains(name.Text)
                ? ODataQueryError.Unsupported($"The function '{name.Text}' (at position {name.Position}) is not supported in $filter; {Supported}.") with { Position = name.Position }
                : new ODataQueryError(ODataQueryError.BadRequest, $"Invalid filter clause: An unknown function with name '{name.Text}' was found at position {name.Position}.", name.Position);
        }

        _index += 2;
        var property = ParseProperty();
        if (!property.Succeeded)
        {
            return property.Error;
        }

        if (Current.Kind != FilterTokenKind.Comma)
        {
            return Syntax(Current, "','");
        }

        _index++;
        var prefix = ParseValue();
        if (!prefix.Succeeded)
        {
            return prefix.Error;
        }

        if (Current.Kind != FilterTokenKind.CloseParenthesis)
        {
            return Syntax(Current, "')'");
        }

        _index++;
        if (property.Value.Type is not (ODataPropertyType.String or ODataPropertyType.Untyped) || prefix.Value.Value is not string text)
        {
            return new ODataQueryError(ODataQueryError.BadRequest,
                $"Invalid filter clause: No function signature for the function with name '{name.Text}' matches the specified arguments: startswith takes a string property and a string in single quotes.",
                name.Position);
        }

        var filter = Counted(name, 1, new PropertyFilter(property.Value.Name, FilterOperator.StartsWith, text));
        return filter.Succeeded ? ComparedToBoolean(filter.Value!) : filter;
    }

    /// <summary>OData also allows <c>startswith(displayName, 'a') eq true</c>.</summary>
    private ODataResult<DirectoryFilter> ComparedToBoolean(DirectoryFilter filter)
    {
        var operation = Current;
        if (!(operation.IsKeyword("eq") || operation.IsKeyword("ne")))
        {
            return ODataResult<DirectoryFilter>.Success(filter);
        }

        var value = _tokens[_index + 1];
        if (!(value.IsKeyword("true") || value.IsKeyword("false")))
        {
            return Syntax(value, "true or false");
        }

        _index += 2;
        var keep = operation.IsKeyword("eq") == value.IsKeyword("true");
        return ODataResult<DirectoryFilter>.Success(keep ? filter : new NotFilter(filter));
    }

    private ODataResult<(object? Value, FilterToken Token)> ParseValue()
    {
        var token = Current;
        object? value;
        if (token.Kind == FilterTokenKind.String)
        {
            value = token.Value;
        }
        else if (token.IsKeyword("true") || token.IsKeyword("false"))
        {
            value = token.IsKeyword("true");
        }
        else if (token.IsKeyword("null"))
        {
            value = null;
        }
        else
        {
            return Syntax(token, ExpectedValue);
        }

        _index++;
        return ODataResult<(object?, FilterToken)>.Success((value, token));
    }

    /// <summary>The value as the property compares it: strings with strings, booleans with booleans, ids as GUIDs; null with anything.</summary>
    private ODataResult<object?> Coerce(ODataProperty property, object? value, FilterToken token, string operatorKind)
    {
        if (value is null || property.Type == ODataPropertyType.Untyped)
        {
            return ODataResult<object?>.Success(value);
        }

        switch (property.Type, value)
        {
            case (ODataPropertyType.Id, string text):
                return Guid.TryParse(text, out var id)
                    ? ODataResult<object?>.Success(id.ToString("D"))
                    : ODataQueryError.Invalid($"Invalid object identifier '{text}'.") with { Position = token.Position };
            case (ODataPropertyType.String, string):
            case (ODataPropertyType.Boolean, bool):
                return ODataResult<object?>.Success(value);
            default:
                var expected = property.Type == ODataPropertyType.Boolean ? "Edm.Boolean" : "Edm.String";
                var found = value is bool ? "Edm.Boolean" : "Edm.String";
                return new ODataQueryError(ODataQueryError.BadRequest,
                    $"Invalid filter clause: A binary operator with incompatible types was detected. Found operand types '{expected}' and '{found}' for operator kind '{operatorKind}' (property '{property.Name}', value at position {token.Position}).",
                    token.Position);
        }
    }

    private ODataResult<DirectoryFilter> Counted(FilterToken at, int comparisons, DirectoryFilter filter)
    {
        _comparisons += comparisons;
        return _comparisons > MaximumComparisons
            ? ODataQueryError.Unsupported($"The filter makes more than {MaximumComparisons} comparisons (counting each value of an 'in' list); split the query.") with { Position = at.Position }
            : ODataResult<DirectoryFilter>.Success(filter);
    }

    private ODataQueryError Syntax(FilterToken found, string expected) => new(ODataQueryError.BadRequest,
        $"Invalid filter clause: Syntax error at position {found.Position} in '{_text}': expected {expected}" +
        (found.Kind == FilterTokenKind.End ? "." : $" but found {found.Describe()}."),
        found.Position);
}
