using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;

namespace Provisio.Benchmarks;

/// <summary>The mappings measured, by a short name that reads well in a result table, and one realistic user.</summary>
public static class Mappings
{
    /// <summary>Short names in table order; <see cref="Text"/> gives the expression of each.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Join", "IifDepartment", "LowerDiacritics", "ReplaceRegex", "Switch"];

    public static string Text(string name) => name switch
    {
        "Join" => """Join(" ", [givenName], [surname])""",
        "IifDepartment" => """IIF(IsNullOrEmpty([department]), "Unassigned", [department])""",
        "LowerDiacritics" => """ToLower(NormalizeDiacritics(Join(".", [givenName], [surname])))""",
        "ReplaceRegex" => """Replace([mail], , "(?<user>[^@]+)@.*", , "${user}", , )""",
        "Switch" => """Switch([country], "Other", "US", "United States", "DE", "Germany")""",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown mapping."),
    };

    /// <summary>The mapping's result is one of its inputs or a constant, so evaluating it should allocate nothing.</summary>
    public static bool ReturnsInputOrConstant(string name) => name is "IifDepartment" or "Switch";

    /// <summary>The mapping must reach one million evaluations a second on one core.</summary>
    public static bool HasThroughputGoal(string name) => name is "Join" or "IifDepartment";

    public static AttributeBag User() => new AttributeBag()
        .Set("givenName", "Ana")
        .Set("surname", "Souza")
        .Set("department", "Sales")
        .Set("mail", "ana.souza@contoso.com")
        .Set("country", "DE");

    /// <summary>Compiles <paramref name="name"/>'s expression or fails loudly: a benchmark of an error measures nothing.</summary>
    public static CompiledExpression Compile(string name)
    {
        var result = ExpressionCompiler.Compile(Text(name));
        return result.Succeeded
            ? result.Expression
            : throw new InvalidOperationException($"Mapping {name} does not compile: {result.Error}");
    }
}
