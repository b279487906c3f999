using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// InStr(value1, value2, start, compareType): the 1-based position of value2 in value1 from start, or 0; binary
/// (ordinal) comparison unless <c>vbTextCompare</c> (reference A.3 InStr: <c>InStr("repEated","e",3,vbBinaryCompare)</c> is 7).
/// </summary>
internal sealed class InStrFunction : ExpressionFunction
{
    public override string Name => "InStr";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
    [
        new("value1"), new("value2"), FunctionParameter.Optional("start", FunctionParameterType.Integer),
        FunctionParameter.Optional("compareType"),
    ];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var searched = ReadString(arguments, 0, scope);
        var sought = ReadString(arguments, 1, scope) ?? string.Empty;
        var startValue = arguments.Length > 2 ? arguments[2](scope) : ExpressionValue.Omitted;
        var start = startValue.IsNull ? 1 : ToInteger(startValue, 2);
        if (start < 1)
        {
            throw Fail(ExpressionErrorCodes.InvalidArgument, $"start must be 1 or more but was {start}.");
        }

        var compare = arguments.Length > 3 ? ReadString(arguments, 3, scope) : null;
        var comparison = compare is not null && (compare.Equals(FlowKeywords.TextCompare, StringComparison.OrdinalIgnoreCase) || compare == "1")
            ? StringComparison.InvariantCultureIgnoreCase
            : StringComparison.Ordinal;

        if (string.IsNullOrEmpty(searched) || start > searched.Length)
        {
            return ExpressionValue.From(0L);
        }

        if (sought.Length == 0)
        {
            return ExpressionValue.From(start);
        }

        var index = searched.IndexOf(sought, (int)start - 1, comparison);
        return ExpressionValue.From(index < 0 ? 0L : index + 1L);
    }
}
