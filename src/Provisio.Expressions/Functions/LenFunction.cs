using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>Len(String): the number of characters; a number counts its invariant text (<c>Len(42568.75)</c> is 8); null or empty is 0.</summary>
internal sealed class LenFunction : ExpressionFunction
{
    public override string Name => "Len";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("String")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        ExpressionValue.From((long)(ReadString(arguments, 0, scope)?.Length ?? 0));
}
