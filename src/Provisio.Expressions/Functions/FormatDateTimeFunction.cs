using System.Globalization;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// FormatDateTime(source, dateTimeStyles, inputFormat, outputFormat), or with three arguments
/// (source, inputFormat, outputFormat) as Graph's function list and older documentation write it (reference A.3).
/// Parsing is <c>DateTime.ParseExact</c> in the invariant culture; a time with an offset is taken to UTC, as on
/// Entra's servers, so the result does not depend on this machine's time zone.
/// </summary>
internal sealed class FormatDateTimeFunction : ExpressionFunction
{
    private const DateTimeStyles DefaultStyles =
        DateTimeStyles.RoundtripKind | DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite;

    public override string Name => "FormatDateTime";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
        [new("source"), FunctionParameter.Optional("dateTimeStyles"), new("inputFormat"), new("outputFormat")];

    public override int MinimumArguments => 3;

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var hasStyles = arguments.Length == 4;
        var value = arguments[0](scope);
        if (value.IsNullOrEmpty)
        {
            return ExpressionValue.Null;
        }

        var styles = hasStyles ? ParseStyles(ReadString(arguments, 1, scope)) : DefaultStyles;
        var inputFormat = ReadString(arguments, hasStyles ? 2 : 1, scope);
        var outputFormat = ReadString(arguments, hasStyles ? 3 : 2, scope);
        if (string.IsNullOrEmpty(outputFormat))
        {
            throw Fail(ExpressionErrorCodes.InvalidDateFormat, "the output format is empty.");
        }

        // Entra has no date type: a date from CDate, DateAdd or Now arrives as its text, M/d/yyyy h:mm:ss tt, and must
        // match the input format like any other string (reference A.5 WD-25).
        var text = ToText(value, 0)!;
        bool parsed;
        DateTime date;
        try
        {
            parsed = string.IsNullOrEmpty(inputFormat)
                ? DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out date)
                : DateTime.TryParseExact(text, inputFormat, CultureInfo.InvariantCulture, styles, out date);
        }
        catch (FormatException)
        {
            throw Fail(ExpressionErrorCodes.InvalidDateFormat, $"\"{inputFormat}\" is not a valid input format.");
        }
        catch (ArgumentException exception)
        {
            throw Fail(ExpressionErrorCodes.InvalidArgument, $"the date time styles cannot be combined: {exception.Message}");
        }

        if (!parsed)
        {
            throw Fail(ExpressionErrorCodes.InvalidDateFormat,
                $"\"{text}\" does not match the input format \"{inputFormat}\".");
        }

        if (date.Kind == DateTimeKind.Local)
        {
            date = date.ToUniversalTime();
        }

        try
        {
            return ExpressionValue.From(date.ToString(outputFormat, CultureInfo.InvariantCulture));
        }
        catch (FormatException)
        {
            throw Fail(ExpressionErrorCodes.InvalidDateFormat, $"\"{outputFormat}\" is not a valid output format.");
        }
    }

    private DateTimeStyles ParseStyles(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultStyles;
        }

        var styles = DateTimeStyles.None;
        foreach (var name in text.Split([',', '|', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = name.StartsWith("DateTimeStyles.", StringComparison.OrdinalIgnoreCase) ? name[15..] : name;
            if (!Enum.TryParse<DateTimeStyles>(trimmed, ignoreCase: true, out var style) || int.TryParse(trimmed, out _))
            {
                throw Fail(ExpressionErrorCodes.InvalidArgument, $"\"{name}\" is not a DateTimeStyles value.");
            }

            styles |= style;
        }

        return styles;
    }
}
