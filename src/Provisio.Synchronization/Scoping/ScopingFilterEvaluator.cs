using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping;

/// <summary>
/// An object mapping's scoping filter, compiled once (operators resolved, integers parsed, regexes compiled) and then
/// evaluated against each source object (reference: entra-engine-and-api §4). Groups are ORed, a group's clauses ANDed,
/// no groups means every object passes. The result is a value: invalid clauses are false with their reason, never an
/// exception. Immutable and safe to share between concurrent evaluations.
/// </summary>
public sealed class ScopingFilterEvaluator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CompiledFilterGroup[] _groups;

    private ScopingFilterEvaluator(CompiledFilterGroup[] groups)
    {
        _groups = groups;
        Problems = groups.SelectMany(group => group.Clauses).Select(clause => clause.Problem).OfType<ScopingFilterError>().ToArray();
    }

    /// <summary>No scoping filter (the default, reference §4.2): every object passes.</summary>
    public static ScopingFilterEvaluator None { get; } = new([]);

    /// <summary>The invalid clauses found while compiling, as <see cref="ScopingFilterValidator"/> reports them.</summary>
    public IReadOnlyList<ScopingFilterError> Problems { get; }

    public bool HasFilter => _groups.Length > 0;

    internal IEnumerable<CompiledFilterClause> Clauses => _groups.SelectMany(group => group.Clauses);

    /// <summary>The scoping filter proper, <c>scope.groups</c>: an object that stops satisfying it is deprovisioned.</summary>
    public static ScopingFilterEvaluator Compile(Filter? scope) =>
        Compile(scope?.Groups, ScopingFilterCollections.Groups);

    /// <summary>The experimental <c>scope.inputFilterGroups</c>: objects failing it are not read (nor deprovisioned).</summary>
    public static ScopingFilterEvaluator CompileInputFilter(Filter? scope) =>
        Compile(scope?.InputFilterGroups, ScopingFilterCollections.InputFilterGroups);

    /// <summary>The experimental <c>scope.categoryFilterGroups</c>: which objects belong to the mapping.</summary>
    public static ScopingFilterEvaluator CompileCategoryFilter(Filter? scope) =>
        Compile(scope?.CategoryFilterGroups, ScopingFilterCollections.CategoryFilterGroups);

    internal static ScopingFilterEvaluator Compile(IReadOnlyList<FilterGroup>? groups, string collection)
    {
        if (groups is not { Count: > 0 })
        {
            return None;
        }

        var catalog = FilterOperatorCatalog.Entra;
        var compiled = new CompiledFilterGroup[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var name = groups[g]?.Name ?? string.Empty;
            var clauses = groups[g]?.Clauses ?? [];
            var compiledClauses = new CompiledFilterClause[clauses.Count];
            for (var c = 0; c < clauses.Count; c++)
            {
                compiledClauses[c] = CompiledFilterClause.Compile(collection, g, name, c, clauses[c], catalog);
            }

            compiled[g] = new(name, compiledClauses);
        }

        return new(compiled);
    }

    /// <summary>
    /// Evaluates every group and clause (none is skipped, so the log shows each, as on-demand provisioning does: "Determine
    /// if User in scope by evaluating against each scoping filter", §1.4).
    /// </summary>
    public ScopingFilterResult Evaluate(IExpressionAttributes source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_groups.Length == 0)
        {
            return ScopingFilterResult.NoFilter;
        }

        var groups = new FilterGroupResult[_groups.Length];
        var passed = false;
        for (var g = 0; g < _groups.Length; g++)
        {
            var clauses = new FilterClauseResult[_groups[g].Clauses.Length];
            for (var c = 0; c < clauses.Length; c++)
            {
                clauses[c] = _groups[g].Clauses[c].Evaluate(source);
            }

            groups[g] = new() { Name = _groups[g].Name, Clauses = clauses };
            // reference §4.1: groups are ORed.
            passed |= groups[g].Passed;
        }

        return new() { Passed = passed, Groups = groups, ScopeEvaluationResult = Describe(groups) };
    }

    private static string Describe(FilterGroupResult[] groups)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var clause in groups.SelectMany(group => group.Clauses))
            {
                writer.WriteBoolean(clause.EvaluationKey, clause.Passed);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed record CompiledFilterGroup(string Name, CompiledFilterClause[] Clauses);
}
