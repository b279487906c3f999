using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// CDate(expression): a UTC date from a date string, offsets honoured; it reads as <c>M/d/yyyy h:mm:ss tt</c>
/// (reference A.3 CDate: <c>CDate("2021-06-30+08:00")</c> is <c>6/29/2021 4:00:00 PM</c>).
/// </summary>
internal sealed class CDateFunction : ExpressionFunction
{
    public override string Name => "CDate";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("expression", FunctionParameterType.Expression)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        return value.IsNull ? ExpressionValue.Null : ExpressionValue.From(ToDate(value, 0));
    }
}
