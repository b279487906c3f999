using BenchmarkDotNet.Attributes;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;

namespace Provisio.Benchmarks;

/// <summary>
/// Parse+check+compile and evaluation of five typical attribute mappings. <see cref="Mapping"/> names the mapping
/// (see <see cref="Mappings.Text"/>); evaluation runs the pre-compiled expression against a pre-built bag.
/// </summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private string _text = string.Empty;
    private CompiledExpression _compiled = null!;
    private AttributeBag _user = null!;

    [ParamsSource(nameof(MappingNames))]
    public string Mapping { get; set; } = string.Empty;

    public static IEnumerable<string> MappingNames => Mappings.Names;

    [GlobalSetup]
    public void Setup()
    {
        _text = Mappings.Text(Mapping);
        _compiled = Mappings.Compile(Mapping);
        _user = Mappings.User();
        var result = _compiled.Evaluate(_user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Mapping {Mapping} fails to evaluate: {result.Error}");
        }
    }

    [Benchmark]
    public CompileResult Compile() => ExpressionCompiler.Compile(_text);

    [Benchmark]
    public EvaluationResult Evaluate() => _compiled.Evaluate(_user);
}
