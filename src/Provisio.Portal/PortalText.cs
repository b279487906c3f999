using System.Globalization;

namespace Provisio.Portal;

/// <summary>How the portal writes durations and counts.</summary>
public static class PortalText
{
    public static string Interval(TimeSpan interval) =>
        interval == TimeSpan.MaxValue ? "not scheduled"
        : interval.TotalDays >= 1 && interval.TotalDays % 1 == 0 ? $"every {interval.TotalDays:0} day{(interval.TotalDays == 1 ? "" : "s")}"
        : interval.TotalHours >= 1 && interval.TotalHours % 1 == 0 ? $"every {interval.TotalHours:0} h"
        : interval.TotalMinutes >= 1 && interval.TotalMinutes % 1 == 0 ? $"every {interval.TotalMinutes:0} min"
        : string.Create(CultureInfo.InvariantCulture, $"every {interval.TotalSeconds:0} s");

    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Percent(long completed, long total) =>
        total <= 0 ? "0 %" : string.Create(CultureInfo.InvariantCulture, $"{Math.Min(100.0, 100.0 * completed / total):0} %");
}
