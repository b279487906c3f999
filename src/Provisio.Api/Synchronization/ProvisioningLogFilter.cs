using System.Globalization;
using Provisio.Api.OData;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Synchronization;

/// <summary>
/// The <c>$filter</c> of <c>GET /auditLogs/provisioning</c> (reference entra-engine-and-api §7.1, §7.2), for now a
/// conjunction (<c>and</c>, parentheses allowed) of comparisons a <see cref="ProvisioningLogQuery"/> can hold:
/// <c>jobId</c>, <c>cycleId</c>, <c>changeId</c>, <c>provisioningAction</c>, <c>provisioningStatusInfo/status</c> and
/// <c>provisioningStatusInfo/errorInformation/errorCode</c>, <c>servicePrincipal/id</c>, <c>sourceIdentity/id</c> and
/// <c>targetIdentity/id</c>, <c>sourceIdentity/displayName</c> and <c>targetIdentity/displayName</c> with <c>eq</c>, and
/// <c>activityDateTime</c> with <c>eq</c>, <c>ge</c>, <c>gt</c>, <c>le</c>, <c>lt</c>. Enum values are written as strings
/// (<c>'failure'</c>) or cast (<c>microsoft.graph.provisioningResult'failure'</c>). Property names are case-insensitive,
/// values are not (Graph's filters are case-sensitive, §7.1). Anything else is refused, naming what is unsupported.
/// </summary>
/// <remarks>
/// An identity condition matches the source or the target identity, as the portal's Identity filter does (§7.3):
/// <see cref="ProvisioningLogQuery.IdentityId"/> holds either.
/// </remarks>
internal static class ProvisioningLogFilter
{
    private const string Supported =
        "jobId, cycleId, changeId, provisioningAction, provisioningStatusInfo/status, provisioningStatusInfo/errorInformation/errorCode, " +
        "servicePrincipal/id, sourceIdentity/id, targetIdentity/id, sourceIdentity/displayName, targetIdentity/displayName (eq) " +
        "and activityDateTime (eq, ge, gt, le, lt)";

    /// <summary>The query the filter describes (paging left at its defaults); an empty or absent filter is every entry.</summary>
    public static ODataResult<ProvisioningLogQuery> Parse(string? filter)
    {
        var query = new ProvisioningLogQuery();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return ODataResult<ProvisioningLogQuery>.Success(query);
        }

        var tokens = Tokenize(filter);
        if (!tokens.Succeeded)
        {
            return tokens.Error;
        }

        var parser = new Parser(filter, tokens.Value!);
        var parsed = parser.Conjunction(query, depth: 0);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        return parser.Current.Kind == TokenKind.End
            ? parsed
            : Syntax(filter, parser.Current, "'and' or the end of the filter");
    }

    private enum TokenKind
    {
        /// <summary>A name, a keyword, a path (<c>sourceIdentity/id</c>) or an unquoted literal (<c>2026-01-01T00:00:00Z</c>).</summary>
        Word,

        /// <summary><c>'text'</c>; <see cref="Token.Value"/> is unescaped (<c>''</c> is a quote).</summary>
        String,

        /// <summary><c>microsoft.graph.provisioningResult'failure'</c>: <see cref="Token.Text"/> is the type, <see cref="Token.Value"/> the member.</summary>
        Cast,
        Open,
        Close,

        /// <summary>Only inside a function's arguments, which are refused.</summary>
        Comma,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position, string? Value = null)
    {
        public bool Is(string keyword) => Kind == TokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

        public string Describe() => Kind == TokenKind.End ? "the end of the filter" : $"'{Text}'";
    }

    private sealed class Parser(string filter, IReadOnlyList<Token> tokens)
    {
        private const int MaxDepth = 32;
        private int _index;

        public Token Current => tokens[_index];

        public ODataResult<ProvisioningLogQuery> Conjunction(ProvisioningLogQuery query, int depth)
        {
            if (depth > MaxDepth)
            {
                return ODataQueryError.Invalid($"Invalid filter clause: parentheses nest more than {MaxDepth} deep in '{filter}'.");
            }

            while (true)
            {
                var term = Term(query, depth);
                if (!term.Succeeded)
                {
                    return term;
                }

                query = term.Value!;
                if (Current.Is("or"))
                {
                    return ODataQueryError.Unsupported(
                        $"The operator 'or' (position {Current.Position}) is not supported in the $filter of provisioning logs: combine conditions with 'and'.");
                }

                if (!Current.Is("and"))
                {
                    return ODataResult<ProvisioningLogQuery>.Success(query);
                }

                _index++;
            }
        }

        private ODataResult<ProvisioningLogQuery> Term(ProvisioningLogQuery query, int depth)
        {
            if (Current.Kind == TokenKind.Open)
            {
                _index++;
                var inner = Conjunction(query, depth + 1);
                if (!inner.Succeeded)
                {
                    return inner;
                }

                if (Current.Kind != TokenKind.Close)
                {
                    return Syntax(filter, Current, "')'");
                }

                _index++;
                return inner;
            }

            var property = Current;
            if (property.Kind != TokenKind.Word)
            {
                return Syntax(filter, property, "a property name");
            }

            if (property.Is("not"))
            {
                return ODataQueryError.Unsupported("The operator 'not' is not supported in the $filter of provisioning logs.");
            }

            _index++;
            if (Current.Kind == TokenKind.Open)
            {
                return ODataQueryError.Unsupported(
                    $"The function '{property.Text}' is not supported in the $filter of provisioning logs; supported: {Supported}.");
            }

            var op = Current;
            if (op.Kind != TokenKind.Word)
            {
                return Syntax(filter, op, "an operator (eq, ge, gt, le, lt)");
            }

            _index++;
            var literal = Current;
            if (literal.Kind is not (TokenKind.Word or TokenKind.String or TokenKind.Cast))
            {
                return Syntax(filter, literal, "a value");
            }

            _index++;
            return Apply(query, property, op.Text.ToUpperInvariant(), literal);
        }

        private ODataResult<ProvisioningLogQuery> Apply(ProvisioningLogQuery query, Token property, string op, Token literal)
        {
            var name = property.Text.ToUpperInvariant();
            if (name == "ACTIVITYDATETIME")
            {
                return ApplyDate(query, property, op, literal);
            }

            if (name is not ("JOBID" or "CYCLEID" or "CHANGEID" or "PROVISIONINGACTION" or "PROVISIONINGSTATUSINFO/STATUS"
                or "PROVISIONINGSTATUSINFO/ERRORINFORMATION/ERRORCODE" or "SERVICEPRINCIPAL/ID" or "SOURCEIDENTITY/ID"
                or "TARGETIDENTITY/ID" or "SOURCEIDENTITY/DISPLAYNAME" or "TARGETIDENTITY/DISPLAYNAME"))
            {
                return ODataQueryError.Unsupported(
                    $"The property '{property.Text}' is not supported in the $filter of provisioning logs; supported: {Supported}.");
            }

            if (op != "EQ")
            {
                return ODataQueryError.Unsupported($"The operator '{op.ToLowerInvariant()}' is not supported on '{property.Text}'; use eq.");
            }

            switch (name)
            {
                case "PROVISIONINGACTION":
                    return Enum<ProvisioningAction>(literal, "microsoft.graph.provisioningAction") is { } action
                        ? Set(query, property, query.Action, action, q => q with { Action = action })
                        : BadEnum<ProvisioningAction>(property, literal);
                case "PROVISIONINGSTATUSINFO/STATUS":
                    return Enum<ProvisioningResult>(literal, "microsoft.graph.provisioningResult") is { } status
                        ? Set(query, property, query.Status, status, q => q with { Status = status })
                        : BadEnum<ProvisioningResult>(property, literal);
            }

            if (literal.Kind != TokenKind.String)
            {
                return ODataQueryError.Invalid($"The value of '{property.Text}' must be a string in quotes ('...'), not {literal.Describe()}.");
            }

            var value = literal.Value!;
            switch (name)
            {
                case "JOBID":
                    return SetText(query, property, query.JobId, value, q => q with { JobId = value });
                case "CYCLEID":
                    return SetText(query, property, query.CycleId, value, q => q with { CycleId = value });
                case "CHANGEID":
                    return SetText(query, property, query.ChangeId, value, q => q with { ChangeId = value });
                case "PROVISIONINGSTATUSINFO/ERRORINFORMATION/ERRORCODE":
                    return SetText(query, property, query.ErrorCode, value, q => q with { ErrorCode = value });
                case "SERVICEPRINCIPAL/ID":
                    return Guid.TryParse(value, out var servicePrincipal)
                        ? Set(query, property, query.ServicePrincipalId, servicePrincipal, q => q with { ServicePrincipalId = servicePrincipal })
                        : ODataQueryError.Invalid($"The value of 'servicePrincipal/id' must be a GUID, not '{value}'.");
                case "SOURCEIDENTITY/ID" or "TARGETIDENTITY/ID":
                    return SetText(query, property, query.IdentityId, value, q => q with { IdentityId = value });
                default:
                    return SetText(query, property, query.IdentityDisplayName, value, q => q with { IdentityDisplayName = value });
            }
        }

        /// <summary>Bounds meet: the latest lower bound and the earliest upper bound hold (both are what every condition asks).</summary>
        private static ODataResult<ProvisioningLogQuery> ApplyDate(ProvisioningLogQuery query, Token property, string op, Token literal)
        {
            var text = literal.Kind == TokenKind.Word ? literal.Text : literal.Value;
            if (literal.Kind == TokenKind.Cast || !TryParseDate(text, out var value))
            {
                return ODataQueryError.Invalid(
                    $"The value of '{property.Text}' must be a UTC date and time such as 2026-01-01T00:00:00Z, not {literal.Describe()}.");
            }

            if (op is not ("EQ" or "GE" or "GT" or "LE" or "LT"))
            {
                return ODataQueryError.Unsupported($"The operator '{op.ToLowerInvariant()}' is not supported on 'activityDateTime'; use eq, ge, gt, le or lt.");
            }

            // From is inclusive and To exclusive; a tick is the stores' resolution.
            var tick = TimeSpan.FromTicks(1);
            var (from, to) = op switch
            {
                "EQ" => ((DateTimeOffset?)value, (DateTimeOffset?)value + tick),
                "GE" => (value, null),
                "GT" => (value + tick, null),
                "LE" => (null, value + tick),
                _ => (null, value),
            };

            return ODataResult<ProvisioningLogQuery>.Success(query with
            {
                From = from is null ? query.From : query.From is { } earlier && earlier > from ? earlier : from,
                To = to is null ? query.To : query.To is { } later && later < to ? later : to,
            });
        }

        private static bool TryParseDate(string? text, out DateTimeOffset value)
        {
            value = default;
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            // OData: a DateTimeOffset with its offset (Z or ±hh:mm); a bare date means its midnight UTC (as in §7.2's "gt 2023-07-30").
            string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];
            if (!DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
            {
                return false;
            }

            return text.Length == 10 || text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        }

        /// <summary>A member written as a string (<c>'failure'</c>) or cast to its Graph type; null for anything else.</summary>
        private static TEnum? Enum<TEnum>(Token literal, string castType)
            where TEnum : struct, System.Enum
        {
            if (literal.Kind == TokenKind.Cast && !literal.Text.Equals(castType, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (literal.Kind == TokenKind.Word)
            {
                return null;
            }

            foreach (var member in System.Enum.GetValues<TEnum>())
            {
                if (GraphName(member).Equals(literal.Value, StringComparison.OrdinalIgnoreCase))
                {
                    return member;
                }
            }

            return null;
        }

        private static ODataResult<ProvisioningLogQuery> BadEnum<TEnum>(Token property, Token literal)
            where TEnum : struct, System.Enum =>
            ODataQueryError.Invalid(
                $"The value {literal.Describe()} is not one of '{property.Text}': {string.Join(", ", System.Enum.GetValues<TEnum>().Select(member => $"'{GraphName(member)}'"))}.");

        /// <summary>Graph's spelling of a member: its name in lower camel case (<c>stagedDelete</c>), as the JSON attributes have it.</summary>
        private static string GraphName<TEnum>(TEnum member)
            where TEnum : struct, System.Enum
        {
            var name = member.ToString();
            return char.ToLowerInvariant(name[0]) + name[1..];
        }

        /// <summary>A condition on a property already given is refused unless it asks the same (a query holds one value per property).</summary>
        private static ODataResult<ProvisioningLogQuery> SetText(ProvisioningLogQuery query, Token property, string? current, string value,
            Func<ProvisioningLogQuery, ProvisioningLogQuery> set) =>
            current is null || string.Equals(current, value, StringComparison.Ordinal)
                ? ODataResult<ProvisioningLogQuery>.Success(set(query))
                : ODataQueryError.Unsupported(
                    $"'{property.Text}' is compared with two different values; the $filter of provisioning logs takes one value per property (and one identity).");

        private static ODataResult<ProvisioningLogQuery> Set<T>(ProvisioningLogQuery query, Token property, T? current, T value,
            Func<ProvisioningLogQuery, ProvisioningLogQuery> set)
            where T : struct =>
            current is null || EqualityComparer<T>.Default.Equals(current.Value, value)
                ? ODataResult<ProvisioningLogQuery>.Success(set(query))
                : ODataQueryError.Unsupported(
                    $"'{property.Text}' is compared with two different values; the $filter of provisioning logs takes one value per property.");
    }

    private static ODataQueryError Syntax(string filter, Token found, string expected) => new(ODataQueryError.BadRequest,
        $"Invalid filter clause: Syntax error at position {found.Position} in '{filter}': expected {expected}, found {found.Describe()}.", found.Position);

    private static ODataResult<IReadOnlyList<Token>> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var position = 0;
        while (position < text.Length)
        {
            var current = text[position];
            var start = position;
            if (char.IsWhiteSpace(current))
            {
                position++;
            }
            else if (current == '(')
            {
                tokens.Add(new Token(TokenKind.Open, "(", position++));
            }
            else if (current == ')')
            {
                tokens.Add(new Token(TokenKind.Close, ")", position++));
            }
            else if (current == ',')
            {
                tokens.Add(new Token(TokenKind.Comma, ",", position++));
            }
            else if (current == '\'')
            {
                if (FilterLexer.ReadString(text, ref position) is not { } value)
                {
                    return new ODataQueryError(ODataQueryError.BadRequest,
                        $"Invalid filter clause: There is an unterminated string literal at position {start} in '{text}'.", start);
                }

                tokens.Add(new Token(TokenKind.String, text[start..position], start, value));
            }
            else if (char.IsAsciiLetterOrDigit(current) || current is '_' or '-' or '+')
            {
                while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '-' or '+' or '.' or ':' or '/'))
                {
                    position++;
                }

                var word = text[start..position];
                if (position < text.Length && text[position] == '\'')
                {
                    // An enum cast, Type'member', with nothing between the type and the quote.
                    var quote = position;
                    if (FilterLexer.ReadString(text, ref position) is not { } member)
                    {
                        return new ODataQueryError(ODataQueryError.BadRequest,
                            $"Invalid filter clause: There is an unterminated string literal at position {quote} in '{text}'.", quote);
                    }

                    tokens.Add(new Token(TokenKind.Cast, word, start, member));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Word, word, start));
                }
            }
            else
            {
                return new ODataQueryError(ODataQueryError.BadRequest,
                    $"Invalid filter clause: Syntax error: character '{current}' is not valid at position {start} in '{text}'.", start);
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return ODataResult<IReadOnlyList<Token>>.Success(tokens);
    }
}
