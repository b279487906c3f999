using System.Text;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>ConvertToUTF8Hex(source): the UTF-8 bytes as upper-case hexadecimal, no separators (reference A.3).</summary>
internal sealed class ConvertToUtf8HexFunction : ExpressionFunction
{
    public override string Name => "ConvertToUTF8Hex";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        MapText(arguments[0](scope), text => Convert.ToHexString(Encoding.UTF8.GetBytes(text)));
}
