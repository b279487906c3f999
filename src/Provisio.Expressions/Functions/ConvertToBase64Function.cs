using System.Text;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>ConvertToBase64(source): base64 of the UTF-16LE bytes, "a Unicode base64 string" (reference A.3).</summary>
internal sealed class ConvertToBase64Function : ExpressionFunction
{
    public override string Name => "ConvertToBase64";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        MapText(arguments[0](scope), text => Convert.ToBase64String(Encoding.Unicode.GetBytes(text)));
}
