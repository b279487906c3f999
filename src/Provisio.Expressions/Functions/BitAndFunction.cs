using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>BitAnd(value1, value2): bitwise AND of two integers; <c>BitAnd(&amp;HF, &amp;HF7)</c> is 7 (reference A.3 BitAnd).</summary>
internal sealed class BitAndFunction : ExpressionFunction
{
    public override string Name => "BitAnd";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
        [new("value1", FunctionParameterType.Integer), new("value2", FunctionParameterType.Integer)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        ExpressionValue.From(ReadInteger(arguments, 0, scope) & ReadInteger(arguments, 1, scope));
}
