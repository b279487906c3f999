using System.Globalization;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// NumFromDate(value): an ISO 8601 date as an Active Directory FILETIME, a 64-bit integer
/// (<c>"2020-12-31 23:59:59-08:00"</c> is 132539615990000000, reference A.3 NumFromDate).
/// </summary>
internal sealed class NumFromDateFunction : ExpressionFunction
{
    public override string Name => "NumFromDate";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("value", FunctionParameterType.DateTime)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        if (value.IsNullOrEmpty)
        {
            return ExpressionValue.Null;
        }

        DateTime utc;
        if (value.Kind == ExpressionValueKind.DateTime)
        {
            utc = value.AsDateTime();
        }
        else if (DateTimeOffset.TryParse(ToText(value, 0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
        }
        else
        {
            throw Fail(ExpressionErrorCodes.InvalidDate, $"{Describe(value)} is not an ISO 8601 date.");
        }

        try
        {
            return ExpressionValue.From(utc.ToFileTimeUtc());
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Fail(ExpressionErrorCodes.InvalidDate, $"{Describe(value)} is before 1601, which a FILETIME cannot hold.");
        }
    }
}
