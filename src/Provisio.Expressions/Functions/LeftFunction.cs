using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Left(String, NumChars): the first NumChars characters; 0 gives "", a negative count or a shorter string gives the
/// input, null gives "" (reference A.3 Left).
/// </summary>
internal sealed class LeftFunction : ExpressionFunction
{
    public override string Name => "Left";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("String"), new("NumChars", FunctionParameterType.Integer)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        var count = ReadInteger(arguments, 1, scope);
        var text = ToText(value, 0);
        if (text is null || count == 0)
        {
            return ExpressionValue.Empty;
        }

        if (count < 0 || count >= text.Length)
        {
            return value.Kind == ExpressionValueKind.String ? value : ExpressionValue.From(text);
        }

        return ExpressionValue.From(text[..(int)count]);
    }
}
