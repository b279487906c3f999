using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// The interval names of DateAdd and DateDiff (<c>yyyy m d ww h n s</c>, plus VB's <c>q y w</c>), case-insensitive as in
/// VB, which these functions follow (reference A.3 DateAdd, DateDiff).
/// </summary>
internal enum DateInterval
{
    Year,
    Quarter,
    Month,
    DayOfYear,
    Day,
    Weekday,
    WeekOfYear,
    Hour,
    Minute,
    Second,
}

internal static class DateIntervals
{
    public static bool TryParse(string? text, out DateInterval interval)
    {
        interval = text?.Trim().ToUpperInvariant() switch
        {
            "YYYY" => DateInterval.Year,
            "Q" => DateInterval.Quarter,
            "M" => DateInterval.Month,
            "Y" => DateInterval.DayOfYear,
            "D" => DateInterval.Day,
            "W" => DateInterval.Weekday,
            "WW" => DateInterval.WeekOfYear,
            "H" => DateInterval.Hour,
            "N" => DateInterval.Minute,
            "S" => DateInterval.Second,
            _ => (DateInterval)(-1),
        };
        return (int)interval >= 0;
    }

    public const string Names = "yyyy, q, m, y, d, w, ww, h, n or s";
}
