using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>CStr(value): the value as a string, invariant culture, booleans <c>True</c>/<c>False</c> (reference A.3 CStr).</summary>
internal sealed class CStrFunction : ExpressionFunction
{
    public override string Name => "CStr";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("value", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        return value.Kind == ExpressionValueKind.String ? value : ExpressionValue.From(ToText(value, 0));
    }
}
