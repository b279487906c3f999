using System.Globalization;
using Provisio.Api.OData;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Synchronization;

/// <summary>
/// The <c>$filter</c> of <c>GET /auditLogs/provisioning</c> (reference entra-engine-and-api §7.1, §7.2): comparisons
/// joined by <c>and</c> and <c>or</c> (OData's precedence: <c>and</c> binds tighter), with parentheses. Comparisons:
/// <c>jobId</c>, <c>cycleId</c>, <c>changeId</c>, <c>provisioningAction</c>, <c>provisioningStatusInfo/status</c> and
/// <c>provisioningStatusInfo/errorInformation/errorCode</c>, <c>servicePrincipal/id</c>, <c>sourceIdentity/id</c> and
/// <c>targetIdentity/id</c>, <c>sourceIdentity/displayName</c> and <c>targetIdentity/displayName</c> with <c>eq</c>;
/// <c>startswith(property, 'text')</c> on the text ones (all but the enums and <c>servicePrincipal/id</c>); and
/// <c>activityDateTime</c> with <c>eq</c>, <c>ge</c>, <c>gt</c>, <c>le</c>, <c>lt</c>. Enum values are written as
/// strings (<c>'failure'</c>) or cast (<c>microsoft.graph.provisioningResult'failure'</c>). Property names are
/// case-insensitive, values are not (Graph's filters are case-sensitive, §7.1). Anything else is refused, naming what
/// is unsupported.
/// </summary>
/// <remarks>
/// An identity condition matches the source or the target identity, as the portal's Identity filter does (§7.3). The
/// equalities and time bounds ANDed at the top go into <see cref="ProvisioningLogQuery"/>'s own properties (the indexed
/// columns a store reads by); the rest (<c>or</c>, <c>startswith</c>, a second value for a property) into its
/// <see cref="ProvisioningLogQuery.Condition"/>.
/// </remarks>
internal static class ProvisioningLogFilter
{
    /// <summary>At most this many comparisons, so the SQL stays small.</summary>
    public const int MaximumComparisons = 100;

    private const string Supported =
        "jobId, cycleId, changeId, provisioningAction, provisioningStatusInfo/status (or statusInfo/status), " +
        "provisioningStatusInfo/errorInformation/errorCode (or statusInfo/errorCode), servicePrincipal/id, sourceIdentity/id, targetIdentity/id, sourceIdentity/displayName, targetIdentity/displayName (eq) " +
        "and activityDateTime (eq, ge, gt, le, lt)";

    private const string SupportedFunctions =
        "startswith(property, 'text') on jobId, cycleId, changeId, provisioningStatusInfo/errorInformation/errorCode, " +
        "sourceIdentity/id, targetIdentity/id, sourceIdentity/displayName and targetIdentity/displayName";

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
        var parsed = parser.Disjunction(depth: 0);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        return parser.Current.Kind == TokenKind.End
            ? ODataResult<ProvisioningLogQuery>.Success(Fold(query, parsed.Value!))
            : Syntax(filter, parser.Current, "'and', 'or' or the end of the filter");
    }

    /// <summary>The top-level equalities and time bounds into the query's properties, the rest into its condition.</summary>
    private static ProvisioningLogQuery Fold(ProvisioningLogQuery query, ProvisioningLogCondition condition)
    {
        var rest = new List<ProvisioningLogCondition>();
        foreach (var term in condition is ProvisioningLogAll all ? all.Conditions : [condition])
        {
            if (term is ProvisioningLogComparison comparison && Folded(query, comparison) is { } folded)
            {
                query = folded;
            }
            else
            {
                rest.Add(term);
            }
        }

        return rest.Count == 0 ? query : query with { Condition = rest.Count == 1 ? rest[0] : new ProvisioningLogAll(rest) };
    }

    /// <summary>The query with the comparison in its properties, or null when they cannot hold it.</summary>
    private static ProvisioningLogQuery? Folded(ProvisioningLogQuery query, ProvisioningLogComparison comparison)
    {
        if (comparison.Property == ProvisioningLogProperty.ActivityDateTime)
        {
            // Bounds meet: the latest lower bound and the earliest upper bound hold. From is inclusive and To exclusive;
            // a tick is the stores' resolution.
            var value = (DateTimeOffset)comparison.Value;
            var tick = TimeSpan.FromTicks(1);
            var (from, to) = comparison.Operator switch
            {
                ProvisioningLogOperator.Equal => ((DateTimeOffset?)value, (DateTimeOffset?)value + tick),
                ProvisioningLogOperator.GreaterOrEqual => (value, null),
                ProvisioningLogOperator.GreaterThan => (value + tick, null),
                ProvisioningLogOperator.LessOrEqual => (null, value + tick),
                _ => (null, value),
            };

            return query with
            {
                From = from is null ? query.From : query.From is { } earlier && earlier > from ? earlier : from,
                To = to is null ? query.To : query.To is { } later && later < to ? later : to,
            };
        }

        if (comparison.Operator != ProvisioningLogOperator.Equal)
        {
            return null;
        }

        var text = comparison.Value as string;
        return comparison.Property switch
        {
            ProvisioningLogProperty.JobId when query.JobId is null => query with { JobId = text },
            ProvisioningLogProperty.CycleId when query.CycleId is null => query with { CycleId = text },
            ProvisioningLogProperty.ChangeId when query.ChangeId is null => query with { ChangeId = text },
            ProvisioningLogProperty.ErrorCode when query.ErrorCode is null => query with { ErrorCode = text },
            ProvisioningLogProperty.IdentityId when query.IdentityId is null => query with { IdentityId = text },
            ProvisioningLogProperty.IdentityDisplayName when query.IdentityDisplayName is null => query with { IdentityDisplayName = text },
            ProvisioningLogProperty.Status when query.Status is null => query with { Status = (ProvisioningResult)comparison.Value },
            ProvisioningLogProperty.Action when query.Action is null => query with { Action = (ProvisioningAction)comparison.Value },
            ProvisioningLogProperty.ServicePrincipalId when query.ServicePrincipalId is null => query with { ServicePrincipalId = (Guid)comparison.Value },
            _ => null,
        };
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
        private int _comparisons;

        public Token Current => tokens[_index];

        /// <summary>Terms joined by <c>or</c>.</summary>
        public ODataResult<ProvisioningLogCondition> Disjunction(int depth)
        {
            if (depth > MaxDepth)
            {
                return ODataQueryError.Invalid($"Invalid filter clause: parentheses nest more than {MaxDepth} deep in '{filter}'.");
            }

            var terms = new List<ProvisioningLogCondition>();
            while (true)
            {
                var term = Conjunction(depth);
                if (!term.Succeeded)
                {
                    return term;
                }

                Flatten<ProvisioningLogAny>(terms, term.Value!, any => any.Conditions);
                if (!Current.Is("or"))
                {
                    return ODataResult<ProvisioningLogCondition>.Success(terms.Count == 1 ? terms[0] : new ProvisioningLogAny(terms));
                }

                _index++;
            }
        }

        /// <summary>Terms joined by <c>and</c>.</summary>
        private ODataResult<ProvisioningLogCondition> Conjunction(int depth)
        {
            var terms = new List<ProvisioningLogCondition>();
            while (true)
            {
                var term = Term(depth);
                if (!term.Succeeded)
                {
                    return term;
                }

                Flatten<ProvisioningLogAll>(terms, term.Value!, all => all.Conditions);
                if (!Current.Is("and"))
                {
                    return ODataResult<ProvisioningLogCondition>.Success(terms.Count == 1 ? terms[0] : new ProvisioningLogAll(terms));
                }

                _index++;
            }
        }

        /// <summary><c>(a and b) and c</c> is <c>a and b and c</c>: a parenthesized term of the same kind joins the list.</summary>
        private static void Flatten<TJoin>(List<ProvisioningLogCondition> terms, ProvisioningLogCondition term,
            Func<TJoin, IReadOnlyList<ProvisioningLogCondition>> conditions)
            where TJoin : ProvisioningLogCondition
        {
            if (term is TJoin join)
            {
                terms.AddRange(conditions(join));
            }
            else
            {
                terms.Add(term);
            }
        }

        private ODataResult<ProvisioningLogCondition> Term(int depth)
        {
            if (Current.Kind == TokenKind.Open)
            {
                _index++;
                var inner = Disjunction(depth + 1);
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
                return Function(property);
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
            var comparison = Comparison(property, op.Text.ToUpperInvariant(), literal);
            return comparison.Succeeded ? Counted(comparison.Value!) : comparison;
        }

        /// <summary><c>startswith(property, 'text')</c>, also written <c>startswith(...) eq true</c>; no other function.</summary>
        private ODataResult<ProvisioningLogCondition> Function(Token name)
        {
            if (!name.Is("startswith"))
            {
                return ODataQueryError.Unsupported(
                    $"The function '{name.Text}' is not supported in the $filter of provisioning logs; supported: {SupportedFunctions}.");
            }

            _index++;
            var property = Current;
            if (property.Kind != TokenKind.Word)
            {
                return Syntax(filter, property, "a property name");
            }

            _index++;
            if (Current.Kind != TokenKind.Comma)
            {
                return Syntax(filter, Current, "','");
            }

            _index++;
            var prefix = Current;
            if (prefix.Kind != TokenKind.String)
            {
                return ODataQueryError.Invalid($"The second argument of startswith must be a string in quotes ('...'), not {prefix.Describe()}.");
            }

            _index++;
            if (Current.Kind != TokenKind.Close)
            {
                return Syntax(filter, Current, "')'");
            }

            _index++;
            if (TextProperty(property) is not { } text)
            {
                return ODataQueryError.Unsupported(
                    $"The function 'startswith' is not supported on '{property.Text}' in the $filter of provisioning logs; supported: {SupportedFunctions}.");
            }

            if (Current.Is("eq") && tokens[_index + 1].Is("true"))
            {
                _index += 2;
            }

            return Counted(new ProvisioningLogComparison(text, ProvisioningLogOperator.StartsWith, prefix.Value!));
        }

        private ODataResult<ProvisioningLogCondition> Counted(ProvisioningLogCondition comparison) =>
            ++_comparisons > MaximumComparisons
                ? ODataQueryError.Unsupported($"The $filter of provisioning logs makes more than {MaximumComparisons} comparisons; split the query.")
                : ODataResult<ProvisioningLogCondition>.Success(comparison);

        /// <summary>The text properties, which eq and startswith compare.</summary>
        private static ProvisioningLogProperty? TextProperty(Token property) => property.Text.ToUpperInvariant() switch
        {
            "JOBID" => ProvisioningLogProperty.JobId,
            "CYCLEID" => ProvisioningLogProperty.CycleId,
            "CHANGEID" => ProvisioningLogProperty.ChangeId,
            "PROVISIONINGSTATUSINFO/ERRORINFORMATION/ERRORCODE" or "STATUSINFO/ERRORCODE" => ProvisioningLogProperty.ErrorCode,
            "SOURCEIDENTITY/ID" or "TARGETIDENTITY/ID" => ProvisioningLogProperty.IdentityId,
            "SOURCEIDENTITY/DISPLAYNAME" or "TARGETIDENTITY/DISPLAYNAME" => ProvisioningLogProperty.IdentityDisplayName,
            _ => null,
        };

        private static ODataResult<ProvisioningLogCondition> Comparison(Token property, string op, Token literal)
        {
            var name = property.Text.ToUpperInvariant();
            if (name == "STATUSINFO/STATUS")
            {
                name = "PROVISIONINGSTATUSINFO/STATUS"; // beta's deprecated statusInfo, still in scripts (reference §7.1)
            }

            if (name == "ACTIVITYDATETIME")
            {
                return Date(property, op, literal);
            }

            if (name is not ("PROVISIONINGACTION" or "PROVISIONINGSTATUSINFO/STATUS" or "SERVICEPRINCIPAL/ID") && TextProperty(property) is null)
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
                        ? Equal(ProvisioningLogProperty.Action, action)
                        : BadEnum<ProvisioningAction>(property, literal);
                case "PROVISIONINGSTATUSINFO/STATUS":
                    return Enum<ProvisioningResult>(literal, "microsoft.graph.provisioningResult") is { } status
                        ? Equal(ProvisioningLogProperty.Status, status)
                        : BadEnum<ProvisioningResult>(property, literal);
            }

            if (literal.Kind != TokenKind.String)
            {
                return ODataQueryError.Invalid($"The value of '{property.Text}' must be a string in quotes ('...'), not {literal.Describe()}.");
            }

            var value = literal.Value!;
            if (name == "SERVICEPRINCIPAL/ID")
            {
                return Guid.TryParse(value, out var servicePrincipal)
                    ? Equal(ProvisioningLogProperty.ServicePrincipalId, servicePrincipal)
                    : ODataQueryError.Invalid($"The value of 'servicePrincipal/id' must be a GUID, not '{value}'.");
            }

            return Equal(TextProperty(property)!.Value, value);
        }

        private static ODataResult<ProvisioningLogCondition> Equal(ProvisioningLogProperty property, object value) =>
            ODataResult<ProvisioningLogCondition>.Success(new ProvisioningLogComparison(property, ProvisioningLogOperator.Equal, value));

        private static ODataResult<ProvisioningLogCondition> Date(Token property, string op, Token literal)
        {
            var text = literal.Kind == TokenKind.Word ? literal.Text : literal.Value;
            if (literal.Kind == TokenKind.Cast || !TryParseDate(text, out var value))
            {
                return ODataQueryError.Invalid(
                    $"The value of '{property.Text}' must be a UTC date and time such as 2026-01-01T00:00:00Z, not {literal.Describe()}.");
            }

            ProvisioningLogOperator? comparison = op switch
            {
                "EQ" => ProvisioningLogOperator.Equal,
                "GE" => ProvisioningLogOperator.GreaterOrEqual,
                "GT" => ProvisioningLogOperator.GreaterThan,
                "LE" => ProvisioningLogOperator.LessOrEqual,
                "LT" => ProvisioningLogOperator.LessThan,
                _ => null,
            };
            return comparison is { } known
                ? ODataResult<ProvisioningLogCondition>.Success(new ProvisioningLogComparison(ProvisioningLogProperty.ActivityDateTime, known, value))
                : ODataQueryError.Unsupported($"The operator '{op.ToLowerInvariant()}' is not supported on 'activityDateTime'; use eq, ge, gt, le or lt.");
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

        private static ODataResult<ProvisioningLogCondition> BadEnum<TEnum>(Token property, Token literal)
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
