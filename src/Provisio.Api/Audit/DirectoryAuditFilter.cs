using System.Globalization;
using Provisio.Api.OData;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Audit;

/// <summary>
/// The <c>$filter</c> of <c>GET /auditLogs/directoryAudits</c>, as far as Graph documents it for the properties a
/// <see cref="DirectoryAuditQuery"/> holds: <c>activityDisplayName</c>, <c>category</c> and <c>loggedByService</c> with
/// <c>eq</c>, <c>activityDateTime</c> with <c>eq</c>, <c>ge</c> and <c>le</c> (a UTC timestamp such as
/// <c>2026-01-01T00:00:00Z</c>, unquoted), and <c>targetResources/any(t: t/id eq '...')</c>; combined with <c>and</c>, with
/// <c>or</c> between equalities of one property (<c>category eq 'a' or category eq 'b'</c>, also inside <c>any</c>), and
/// parentheses. Read with the OData lexer (<see cref="FilterLexer"/>). Property names are case-insensitive, values are
/// not. Anything else is refused with a 400 naming what is unsupported; malformed text with its position.
/// </summary>
internal static class DirectoryAuditFilter
{
    private const string Supported =
        "activityDisplayName, category, loggedByService (eq), activityDateTime (eq, ge, le) and targetResources/any(t: t/id eq '...')";

    private const int MaxDepth = 32;

    private const int MaxComparisons = 200;

    /// <summary>Properties of Graph's directoryAudit that exist but that this service does not filter on.</summary>
    private static readonly HashSet<string> KnownUnfiltered = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "correlationId", "result", "resultReason", "operationType", "initiatedBy", "targetResources", "additionalDetails",
    };

    private enum Field
    {
        ActivityDisplayName,
        Category,
        LoggedByService,
        TargetResourceId,
        ActivityDateTime,
    }

    /// <summary>The query the filter describes (paging left at its defaults); an empty or absent filter is every audit.</summary>
    public static ODataResult<DirectoryAuditQuery> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return ODataResult<DirectoryAuditQuery>.Success(new DirectoryAuditQuery());
        }

        var tokens = FilterLexer.Tokenize(filter);
        if (!tokens.Succeeded)
        {
            return tokens.Error;
        }

        var parser = new Parser(filter, tokens.Value!);
        var clauses = parser.Disjunction(variable: null);
        if (!clauses.Succeeded)
        {
            return clauses.Error;
        }

        return parser.Current.Kind == FilterTokenKind.End
            ? ToQuery(clauses.Value!)
            : parser.Syntax(parser.Current, "'and', 'or' or the end of the filter");
    }

    /// <summary>The clauses ANDed: equalities of one property meet (only values every clause allows), time bounds narrow.</summary>
    private static ODataResult<DirectoryAuditQuery> ToQuery(List<Clause> clauses)
    {
        var query = new DirectoryAuditQuery();
        foreach (var clause in clauses)
        {
            switch (clause.Field)
            {
                case Field.ActivityDateTime:
                    query = query with
                    {
                        From = clause.From is not { } from ? query.From : query.From is { } earlier && earlier > from ? earlier : from,
                        To = clause.To is not { } to ? query.To : query.To is { } later && later < to ? later : to,
                    };
                    break;
                case Field.TargetResourceId:
                    if (query.TargetResourceIds is not null)
                    {
                        // "has a target a and has a target b" is not what one list of ids can say.
                        return ODataQueryError.Unsupported(
                            "targetResources/any(...) can be given once in the $filter of directory audits; to match any of several ids, use 'or' inside it: targetResources/any(t: t/id eq 'a' or t/id eq 'b').");
                    }

                    query = query with { TargetResourceIds = clause.Values };
                    break;
                case Field.ActivityDisplayName:
                    query = query with { ActivityDisplayNames = Meet(query.ActivityDisplayNames, clause.Values) };
                    break;
                case Field.Category:
                    query = query with { Categories = Meet(query.Categories, clause.Values) };
                    break;
                default:
                    query = query with { LoggedByServices = Meet(query.LoggedByServices, clause.Values) };
                    break;
            }
        }

        return ODataResult<DirectoryAuditQuery>.Success(query);
    }

    private static IReadOnlyList<string> Meet(IReadOnlyList<string>? current, IReadOnlyList<string> values) =>
        current is null ? values : [.. current.Where(value => values.Contains(value, StringComparer.Ordinal))];

    /// <summary>One condition of the conjunction: the values a property may have (any of them), or activityDateTime's inclusive bounds.</summary>
    private sealed record Clause(Field Field, IReadOnlyList<string> Values, DateTimeOffset? From = null, DateTimeOffset? To = null);

    private sealed class Parser(string text, IReadOnlyList<FilterToken> tokens)
    {
        private int _index;
        private int _depth;
        private int _comparisons;

        public FilterToken Current => tokens[_index];

        /// <summary>
        /// Conjunctions joined by <c>or</c>: allowed when each is one equality on the same property, which then becomes one
        /// clause with every value. <paramref name="variable"/> is the lambda variable inside <c>targetResources/any</c>.
        /// </summary>
        public ODataResult<List<Clause>> Disjunction(string? variable)
        {
            var first = Conjunction(variable);
            if (!first.Succeeded || !Current.IsKeyword("or"))
            {
                return first;
            }

            var terms = new List<List<Clause>> { first.Value! };
            var or = Current;
            while (Current.IsKeyword("or"))
            {
                _index++;
                var term = Conjunction(variable);
                if (!term.Succeeded)
                {
                    return term;
                }

                terms.Add(term.Value!);
            }

            var field = terms[0] is [{ Field: not Field.ActivityDateTime } single] ? single.Field : (Field?)null;
            if (field is null || terms.Any(term => term is not [var clause] || clause.Field != field))
            {
                return ODataQueryError.Unsupported(
                    $"The operator 'or' (position {or.Position}) is supported in the $filter of directory audits between equalities of one property only, such as category eq 'a' or category eq 'b'.")
                    with { Position = or.Position };
            }

            return ODataResult<List<Clause>>.Success([new Clause(field.Value, [.. terms.SelectMany(term => term[0].Values).Distinct(StringComparer.Ordinal)])]);
        }

        private ODataResult<List<Clause>> Conjunction(string? variable)
        {
            var clauses = new List<Clause>();
            while (true)
            {
                var term = Primary(variable);
                if (!term.Succeeded)
                {
                    return term;
                }

                clauses.AddRange(term.Value!);
                if (!Current.IsKeyword("and"))
                {
                    return ODataResult<List<Clause>>.Success(clauses);
                }

                _index++;
            }
        }

        private ODataResult<List<Clause>> Primary(string? variable)
        {
            var start = Current;
            if (start.Kind == FilterTokenKind.OpenParenthesis)
            {
                if (++_depth > MaxDepth)
                {
                    return ODataQueryError.Unsupported(
                        $"The filter nests parentheses more than {MaxDepth} deep (at position {start.Position}); simplify it.") with { Position = start.Position };
                }

                _index++;
                var inner = Disjunction(variable);
                if (!inner.Succeeded)
                {
                    return inner;
                }

                if (Current.Kind != FilterTokenKind.CloseParenthesis)
                {
                    return Syntax(Current, "')'");
                }

                _index++;
                _depth--;
                return inner;
            }

            if (start.Kind != FilterTokenKind.Identifier)
            {
                return Syntax(start, "a condition (a property name, targetResources/any(...) or '(')");
            }

            if (start.IsKeyword("not"))
            {
                return ODataQueryError.Unsupported($"The operator 'not' (position {start.Position}) is not supported in the $filter of directory audits.")
                    with { Position = start.Position };
            }

            if (tokens[_index + 1].Kind == FilterTokenKind.OpenParenthesis)
            {
                return ODataQueryError.Unsupported(
                    $"The function '{start.Text}' (position {start.Position}) is not supported in the $filter of directory audits; supported: {Supported}.")
                    with { Position = start.Position };
            }

            _index++;
            var path = start.Text;
            while (Current.Kind == FilterTokenKind.Slash)
            {
                var segment = tokens[_index + 1];
                if (segment.Kind != FilterTokenKind.Identifier)
                {
                    return Syntax(segment, "a property name after '/'");
                }

                if ((segment.IsKeyword("any") || segment.IsKeyword("all")) && tokens[_index + 2].Kind == FilterTokenKind.OpenParenthesis)
                {
                    return Lambda(path, start, segment, variable);
                }

                path += "/" + segment.Text;
                _index += 2;
            }

            return Comparison(path, start, variable);
        }

        /// <summary><c>targetResources/any(t: t/id eq '...')</c>: the ids of one <c>or</c> of equalities on <c>t/id</c>.</summary>
        private ODataResult<List<Clause>> Lambda(string path, FilterToken start, FilterToken segment, string? variable)
        {
            if (variable is not null || !path.Equals("targetResources", StringComparison.OrdinalIgnoreCase) || segment.IsKeyword("all"))
            {
                return ODataQueryError.Unsupported(
                    $"The lambda '{path}/{segment.Text}' (position {start.Position}) is not supported in the $filter of directory audits; use targetResources/any(t: t/id eq '...').")
                    with { Position = start.Position };
            }

            _index += 3;
            var name = Current;
            if (name.Kind != FilterTokenKind.Identifier)
            {
                return Syntax(name, "the lambda variable (as in any(t: t/id eq '...'))");
            }

            _index++;
            if (Current.Kind != FilterTokenKind.Colon)
            {
                return Syntax(Current, "':'");
            }

            _index++;
            var inner = Disjunction(name.Text);
            if (!inner.Succeeded)
            {
                return inner;
            }

            if (Current.Kind != FilterTokenKind.CloseParenthesis)
            {
                return Syntax(Current, "')'");
            }

            _index++;
            if (inner.Value!.Count != 1)
            {
                return ODataQueryError.Unsupported(
                    $"Inside targetResources/any (position {start.Position}) the $filter of directory audits takes one id or several joined by 'or': targetResources/any(t: t/id eq 'a' or t/id eq 'b').")
                    with { Position = start.Position };
            }

            return inner;
        }

        private ODataResult<List<Clause>> Comparison(string path, FilterToken start, string? variable)
        {
            var operation = Current;
            if (operation.Kind != FilterTokenKind.Identifier || operation.IsKeyword("and") || operation.IsKeyword("or"))
            {
                return Syntax(operation, "an operator (eq, ge or le)");
            }

            _index++;
            var literal = Current;
            if (literal.Kind is not (FilterTokenKind.String or FilterTokenKind.Number or FilterTokenKind.Identifier))
            {
                return Syntax(literal, "a value");
            }

            _index++;
            if (++_comparisons > MaxComparisons)
            {
                return ODataQueryError.Unsupported($"The filter makes more than {MaxComparisons} comparisons; split the query.") with { Position = start.Position };
            }

            var field = Resolve(path, variable);
            if (!field.Succeeded)
            {
                return field.Error with { Position = start.Position };
            }

            if (field.Value == Field.ActivityDateTime)
            {
                return Date(path, operation, literal);
            }

            if (!operation.IsKeyword("eq"))
            {
                return ODataQueryError.Unsupported(
                    $"The operator '{operation.Text}' (position {operation.Position}) is not supported on '{path}' in the $filter of directory audits; use eq.")
                    with { Position = operation.Position };
            }

            if (literal.Kind != FilterTokenKind.String)
            {
                return ODataQueryError.Invalid($"The value of '{path}' must be a string in quotes ('...'), not {literal.Describe()}.") with { Position = literal.Position };
            }

            return ODataResult<List<Clause>>.Success([new Clause(field.Value, [literal.Value!])]);
        }

        private static ODataResult<Field> Resolve(string path, string? variable)
        {
            if (variable is not null)
            {
                // Inside the lambda only the variable's id: the variable as declared, the property in any case.
                var prefix = variable + "/";
                if (!path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return new ODataQueryError(ODataQueryError.BadRequest,
                        $"Invalid filter clause: '{path}' inside targetResources/any does not start with its variable '{prefix}'.");
                }

                return path[prefix.Length..].Equals("id", StringComparison.OrdinalIgnoreCase)
                    ? ODataResult<Field>.Success(Field.TargetResourceId)
                    : ODataQueryError.Unsupported($"Inside targetResources/any the $filter of directory audits compares the id only ({prefix}id eq '...'), not '{path}'.");
            }

            switch (path.ToUpperInvariant())
            {
                case "ACTIVITYDISPLAYNAME":
                    return ODataResult<Field>.Success(Field.ActivityDisplayName);
                case "CATEGORY":
                    return ODataResult<Field>.Success(Field.Category);
                case "LOGGEDBYSERVICE":
                    return ODataResult<Field>.Success(Field.LoggedByService);
                case "ACTIVITYDATETIME":
                    return ODataResult<Field>.Success(Field.ActivityDateTime);
            }

            return KnownUnfiltered.Contains(path.Split('/')[0])
                ? ODataQueryError.Unsupported($"The property '{path}' is not supported in the $filter of directory audits; supported: {Supported}.")
                : new ODataQueryError(ODataQueryError.BadRequest, $"Invalid filter clause: Could not find a property named '{path}' on type 'microsoft.graph.directoryAudit'.");
        }

        /// <summary><c>eq</c> is both bounds, <c>ge</c> the lower, <c>le</c> the upper; all inclusive, as the store's are.</summary>
        private static ODataResult<List<Clause>> Date(string path, FilterToken operation, FilterToken literal)
        {
            var written = literal.Kind == FilterTokenKind.String ? literal.Value : literal.Text;
            if (literal.Kind == FilterTokenKind.Identifier || !TryParseDate(written, out var value))
            {
                return ODataQueryError.Invalid(
                    $"The value of '{path}' must be a UTC date and time such as 2026-01-01T00:00:00Z, not {literal.Describe()}.") with { Position = literal.Position };
            }

            (DateTimeOffset? From, DateTimeOffset? To)? bounds = operation.Text.ToUpperInvariant() switch
            {
                "EQ" => (value, value),
                "GE" => (value, null),
                "LE" => (null, value),
                _ => null,
            };
            if (bounds is not { } range)
            {
                return ODataQueryError.Unsupported(
                    $"The operator '{operation.Text}' (position {operation.Position}) is not supported on 'activityDateTime' in the $filter of directory audits; use eq, ge or le.")
                    with { Position = operation.Position };
            }

            return ODataResult<List<Clause>>.Success([new Clause(Field.ActivityDateTime, [], range.From, range.To)]);
        }

        /// <summary>OData's DateTimeOffset with its offset (<c>Z</c> or ±hh:mm); a bare date is its midnight UTC.</summary>
        private static bool TryParseDate(string? written, out DateTimeOffset value)
        {
            value = default;
            if (string.IsNullOrEmpty(written))
            {
                return false;
            }

            string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];
            return DateTimeOffset.TryParseExact(written, formats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
                && (written.Length == 10 || written.EndsWith('Z') || written.LastIndexOfAny(['+', '-']) > 10);
        }

        public ODataQueryError Syntax(FilterToken found, string expected) => new(ODataQueryError.BadRequest,
            $"Invalid filter clause: Syntax error at position {found.Position} in '{text}': expected {expected}" +
            (found.Kind == FilterTokenKind.End ? "." : $" but found {found.Describe()}."),
            found.Position);
    }
}
