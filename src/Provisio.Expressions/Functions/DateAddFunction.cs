using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// DateAdd(interval, value, dateTime): VB's DateAdd; the number is truncated toward zero
/// (<c>DateAdd("d", 7, CDate("2012-03-16-07:00"))</c> is <c>3/23/2012 7:00:00 AM</c>, reference A.3 DateAdd).
/// </summary>
internal sealed class DateAddFunction : ExpressionFunction
{
    public override string Name => "DateAdd";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
        [new("interval"), new("value", FunctionParameterType.Integer), new("dateTime", FunctionParameterType.DateTime)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var intervalText = ReadString(arguments, 0, scope);
        if (!DateIntervals.TryParse(intervalText, out var interval))
        {
            throw Fail(ExpressionErrorCodes.InvalidArgument,
                $"unknown interval \"{intervalText}\"; expected {DateIntervals.Names}.");
        }

        var number = ReadInteger(arguments, 1, scope);
        var date = arguments[2](scope);
        if (date.IsNull)
        {
            return ExpressionValue.Null;
        }

        var start = ToDate(date, 2);
        try
        {
            return ExpressionValue.From(interval switch
            {
                DateInterval.Year => start.AddYears(checked((int)number)),
                DateInterval.Quarter => start.AddMonths(checked((int)number * 3)),
                DateInterval.Month => start.AddMonths(checked((int)number)),
                DateInterval.WeekOfYear => start.AddDays(number * 7d),
                DateInterval.Hour => start.AddHours(number),
                DateInterval.Minute => start.AddMinutes(number),
                DateInterval.Second => start.AddSeconds(number),
                _ => start.AddDays(number),
            });
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or OverflowException)
        {
            throw Fail(ExpressionErrorCodes.InvalidDate, $"adding {number} {interval} to {date} leaves the calendar.");
        }
    }
}
