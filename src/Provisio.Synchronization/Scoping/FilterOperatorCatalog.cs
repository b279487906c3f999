using System.Collections.Frozen;
using Provisio.Synchronization.Scoping.Operators;

namespace Provisio.Synchronization.Scoping;

/// <summary>
/// The scoping-filter operators by Graph's <c>operatorName</c>.
/// <para>
/// Names: Graph's <c>filterOperators</c> response (microsoftgraph/microsoft-graph-docs,
/// <c>api-reference/beta/api/synchronization-synchronizationschema-filteroperators.md</c>, the full response kept in a
/// comment) spells eight operators with spaces, exactly as the portal shows them: <c>EQUALS</c>, <c>NOT EQUALS</c>,
/// <c>IS TRUE</c>, <c>IS FALSE</c>, <c>IS NULL</c>, <c>IS NOT NULL</c>, <c>REGEX MATCH</c>, <c>NOT REGEX MATCH</c>.
/// The six it predates (<c>&amp;</c>, <c>!&amp;</c>, <c>ENDS_WITH</c>, <c>Greater_Than</c>,
/// <c>Greater_Than_OR_EQUALS</c>, <c>Includes</c>) appear in no Graph JSON we found; since the portal shows the other
/// eight verbatim, they are taken as the portal writes them (reference: entra-engine-and-api §4.2, S4).
/// </para>
/// <para>
/// Lookup ignores case and treats <c>_</c> and a space alike, so <c>NOT_EQUALS</c>, <c>regex_match</c> and
/// <c>GREATER THAN</c> resolve too; <see cref="FilterOperator.Name"/> is the canonical spelling.
/// </para>
/// </summary>
public sealed class FilterOperatorCatalog
{
    private readonly FrozenDictionary<string, FilterOperator> _operators;

    private FilterOperatorCatalog(IReadOnlyList<FilterOperator> operators)
    {
        Operators = operators;
        _operators = operators.ToFrozenDictionary(op => Normalize(op.Name), StringComparer.Ordinal);
        Schemas = operators.Select(op => op.Schema).ToArray();
    }

    /// <summary>The 14 operators of the portal, in the order its documentation lists them (S4).</summary>
    public static FilterOperatorCatalog Entra { get; } = new(
    [
        new ExistsInOperator(), new DoesNotExistInOperator(), new EndsWithOperator(), new EqualsOperator(),
        new GreaterThanOperator(), new GreaterThanOrEqualsOperator(), new IncludesOperator(), new IsFalseOperator(),
        new IsNotNullOperator(), new IsNullOperator(), new IsTrueOperator(), new NotEqualsOperator(),
        new NotRegexMatchOperator(), new RegexMatchOperator(),
    ]);

    public IReadOnlyList<FilterOperator> Operators { get; }

    /// <summary>What <c>GET …/schema/filterOperators</c> returns (reference: entra-engine-and-api §6.1).</summary>
    public IReadOnlyList<FilterOperatorSchema> Schemas { get; }

    public bool TryGet(string? name, out FilterOperator filterOperator)
    {
        if (name is not null && _operators.TryGetValue(Normalize(name), out var found))
        {
            filterOperator = found;
            return true;
        }

        filterOperator = null!;
        return false;
    }

    private static string Normalize(string name) => name.Trim().Replace('_', ' ').ToUpperInvariant();
}
