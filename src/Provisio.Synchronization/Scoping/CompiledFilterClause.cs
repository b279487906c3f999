using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping;

/// <summary>
/// One clause prepared once per filter: its operator resolved, its value checked and converted (integer parsed, regex
/// compiled), its log texts built. An invalid clause keeps its <see cref="Problem"/> and is false for every object.
/// Immutable, so one compiled filter serves concurrent evaluations.
/// </summary>
internal sealed class CompiledFilterClause
{
    // S4 ("The IsMemberOf filter is not supported currently", "The members attribute on a group is not supported
    // currently") and S9 ("The appRoleAssignments, userType, manager, and date-type attributes … aren't supported as
    // scoping filters"); reference: entra-engine-and-api §4.2.
    private static readonly HashSet<string> UnsupportedAttributes =
        new(["IsMemberOf", "members", "appRoleAssignments", "userType", "manager"], StringComparer.OrdinalIgnoreCase);

    private readonly FilterOperator? _operator;
    private readonly ClausePredicate? _predicate;

    private CompiledFilterClause(FilterClause clause, string groupName, int groupIndex, int clauseIndex, FilterOperator? filterOperator,
        ClausePredicate? predicate, ScopingFilterError? problem)
    {
        Clause = clause;
        GroupName = groupName;
        GroupIndex = groupIndex;
        ClauseIndex = clauseIndex;
        _operator = filterOperator;
        _predicate = predicate;
        Problem = problem;
        OperatorName = filterOperator?.Name ?? clause.OperatorName;
        Body = Describe(clause, OperatorName);
        Text = $"{groupName} {Body}";
        EvaluationKey = $"{groupName}.{Body}";
    }

    public FilterClause Clause { get; }

    public string GroupName { get; }

    public int GroupIndex { get; }

    public int ClauseIndex { get; }

    /// <summary>The clause without its group: <c>department EQUALS Sales</c>.</summary>
    public string Body { get; }

    public string OperatorName { get; }

    public string Text { get; }

    public string EvaluationKey { get; }

    public ScopingFilterError? Problem { get; }

    public static CompiledFilterClause Compile(string collection, int groupIndex, string groupName, int clauseIndex,
        FilterClause clause, FilterOperatorCatalog catalog)
    {
        var resolved = catalog.TryGet(clause.OperatorName, out var filterOperator) ? filterOperator : null;
        ClausePredicate? predicate = null;
        var problem = Check(clause, resolved, catalog, out var problemPosition);
        if (problem is null)
        {
            predicate = resolved!.Bind(resolved.Arity == ScopeOperatorType.Binary ? ValuesOf(clause)[0] : null, out var operandProblem);
            if (operandProblem is not null)
            {
                problem = (operandProblem.Code, operandProblem.Message);
                problemPosition = operandProblem.Position;
            }
        }

        ScopingFilterError? error = problem is not { } found ? null : new()
        {
            Code = found.Code,
            Message = $"{ScopingFilterCollections.Describe(collection)} '{groupName}', clause {clauseIndex + 1} " +
                $"({Describe(clause, resolved?.Name ?? clause.OperatorName)}): {found.Message}",
            Collection = collection,
            GroupName = groupName,
            GroupIndex = groupIndex,
            ClauseIndex = clauseIndex,
            Position = problemPosition,
        };
        return new(clause, groupName, groupIndex, clauseIndex, resolved, error is null ? predicate : null, error);
    }

    public FilterClauseResult Evaluate(IExpressionAttributes source)
    {
        var value = string.IsNullOrEmpty(Clause.SourceOperandName) || !source.TryGetValue(Clause.SourceOperandName, out var read)
            ? ExpressionValue.Null
            : read;
        var outcome = Judge(value);
        return new()
        {
            GroupName = GroupName,
            Clause = Clause,
            OperatorName = OperatorName,
            Text = Text,
            EvaluationKey = EvaluationKey,
            SourceValue = value,
            Outcome = outcome,
            Reason = Explain(outcome, value),
        };
    }

    private ClauseOutcome Judge(in ExpressionValue value)
    {
        if (Problem is not null)
        {
            return ClauseOutcome.InvalidRule;
        }

        // reference: entra-engine-and-api §4.2: "Scoping filters will return false if the value is null / empty"; IS NULL
        // is the one clause an empty value satisfies. A multi-valued attribute without values counts as empty.
        if (value.IsNullOrEmpty)
        {
            return _operator!.MatchesNullOrEmpty ? ClauseOutcome.Satisfied : ClauseOutcome.NullOrEmpty;
        }

        return value.Kind switch
        {
            // reference §4.2: "Filtering is not supported for multi-valued attributes" (S4).
            ExpressionValueKind.MultiValued or ExpressionValueKind.AppRoleAssignments => ClauseOutcome.MultiValued,
            // reference §4.2: date-type attributes "aren't supported as scoping filters" (S9).
            ExpressionValueKind.DateTime or ExpressionValueKind.IgnoreAttributeFlow or ExpressionValueKind.IgnoreObjectFlow
                => ClauseOutcome.UnsupportedAttributeType,
            _ => _predicate!(value),
        };
    }

    private string Explain(ClauseOutcome outcome, in ExpressionValue value)
    {
        if (Problem is not null)
        {
            return Problem.Message;
        }

        var attribute = Clause.SourceOperandName;
        var test = _operator!.Arity == ScopeOperatorType.Binary ? $"{OperatorName} {Quote(ValuesOf(Clause)[0])}" : OperatorName;
        return outcome switch
        {
            ClauseOutcome.Satisfied when value.IsNullOrEmpty => $"{attribute} is null or empty, which satisfies {test}.",
            ClauseOutcome.Satisfied => $"{attribute} is {value}, which satisfies {test}.",
            ClauseOutcome.NotSatisfied => $"{attribute} is {value}, which does not satisfy {test}.",
            ClauseOutcome.NullOrEmpty => $"{attribute} is null or empty, and every clause but IS NULL is false on null or empty values.",
            ClauseOutcome.MultiValued => $"{attribute} is multi-valued ({value}), and scoping filters don't support multi-valued attributes.",
            ClauseOutcome.UnsupportedAttributeType => $"{attribute} is {value}, a {Kind(value)}, and scoping filters don't support {Kind(value)} attributes.",
            ClauseOutcome.NotAnInteger => $"{attribute} is {value}, not an integer, and {OperatorName} compares integers only.",
            ClauseOutcome.NotABoolean => $"{attribute} is {value}, not a Boolean, and {OperatorName} tests Boolean values only.",
            _ => $"{test} took longer than {RegexMatchTimeoutSeconds} s on {attribute} {value}, so the clause is false.",
        };
    }

    private static readonly string RegexMatchTimeoutSeconds =
        Operators.RegexMatchOperator.MatchTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Kind(in ExpressionValue value) => value.Kind == ExpressionValueKind.DateTime ? "date" : "flow instruction";

    private static string Quote(string value) => Provisio.Expressions.Syntax.ExpressionPrinter.Quote(value);

    /// <summary>The rules a clause breaks by itself, before its value is bound; null when there are none.</summary>
    private static (string Code, string Message)? Check(FilterClause clause, FilterOperator? filterOperator,
        FilterOperatorCatalog catalog, out int? position)
    {
        position = null;
        if (filterOperator is null)
        {
            return (ScopingFilterErrorCodes.UnknownOperator,
                $"'{clause.OperatorName}' is not a scoping filter operator; use one of {string.Join(", ", catalog.Operators.Select(op => op.Name))}.");
        }

        if (string.IsNullOrWhiteSpace(clause.SourceOperandName))
        {
            return (ScopingFilterErrorCodes.MissingSourceAttribute, "the clause names no source attribute.");
        }

        if (UnsupportedAttributes.Contains(clause.SourceOperandName))
        {
            return (ScopingFilterErrorCodes.UnsupportedAttribute,
                $"Entra doesn't support '{clause.SourceOperandName}' in scoping filters (nor IsMemberOf, members, appRoleAssignments, userType, manager).");
        }

        var values = ValuesOf(clause);
        if (filterOperator.Arity == ScopeOperatorType.Unary)
        {
            // A unary operator ignores blank values (a portal may send [""]); a real one means the wrong operator.
            return values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) is { } extra
                ? (ScopingFilterErrorCodes.UnexpectedValue, $"{filterOperator.Name} takes no value, but the clause has '{extra}'.")
                : null;
        }

        return values.Count switch
        {
            0 => (ScopingFilterErrorCodes.MissingValue, $"{filterOperator.Name} compares the attribute with a value, but the clause has none."),
            1 when string.IsNullOrEmpty(values[0]) => (ScopingFilterErrorCodes.MissingValue,
                $"{filterOperator.Name} compares the attribute with a value, but the clause's value is empty."),
            1 => null,
            _ => (ScopingFilterErrorCodes.TooManyValues, $"{filterOperator.Name} takes one value, but the clause has {values.Count}."),
        };
    }

    /// <summary>The clause's values; a schema read from JSON may carry a null operand or list, which reads as none.</summary>
    private static IReadOnlyList<string> ValuesOf(FilterClause clause) => clause.TargetOperand?.Values ?? [];

    /// <summary><c>{attribute} {operator}</c>, then <c> {value}</c> when the clause has one (values joined by ", ").</summary>
    private static string Describe(FilterClause clause, string operatorName)
    {
        var values = ValuesOf(clause).Where(value => !string.IsNullOrEmpty(value)).ToArray();
        return values.Length == 0
            ? $"{clause.SourceOperandName} {operatorName}"
            : $"{clause.SourceOperandName} {operatorName} {string.Join(", ", values)}";
    }
}
