using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// DateFromNum(value): an Active Directory FILETIME (100-ns ticks since 1601-01-01 UTC) as a date
/// (<c>DateFromNum(129699324000000000)</c> is <c>1/1/2012 11:00:00 PM</c>, reference A.3 DateFromNum).
/// </summary>
internal sealed class DateFromNumFunction : ExpressionFunction
{
    public override string Name => "DateFromNum";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("value", FunctionParameterType.Integer)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        if (value.IsNullOrEmpty)
        {
            return ExpressionValue.Null;
        }

        var ticks = ToInteger(value, 0);
        try
        {
            return ExpressionValue.From(DateTime.FromFileTimeUtc(ticks));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Fail(ExpressionErrorCodes.InvalidDate, $"{ticks} is not a FILETIME between years 1601 and 9999.");
        }
    }
}
