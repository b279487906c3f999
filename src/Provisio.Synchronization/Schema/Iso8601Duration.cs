using System.Globalization;
using System.Text;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// ISO 8601 durations as Graph writes <c>Edm.Duration</c> (a schedule's <c>interval</c>, reference
/// entra-engine-and-api §6.3): <c>PT40M</c>, <c>P1D</c>, and a new job's <c>P10675199DT2H48M5.4775807S</c>, which is
/// <see cref="TimeSpan.MaxValue"/>. Written as .NET's <c>XmlConvert</c> writes a <see cref="TimeSpan"/> (days, then
/// hours, minutes and seconds with up to seven fraction digits; <c>PT0S</c> for zero). Read leniently: weeks
/// (<c>P2W</c>), and years and months as 365 and 30 days, as <c>XmlConvert</c> reads them.
/// </summary>
public static class Iso8601Duration
{
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var text = new StringBuilder(32);
        // TimeSpan.MinValue has no positive counterpart: work on the magnitude in unsigned ticks.
        var ticks = duration.Ticks < 0 ? (ulong)-(duration.Ticks + 1) + 1 : (ulong)duration.Ticks;
        if (duration.Ticks < 0)
        {
            text.Append('-');
        }

        text.Append('P');
        var days = ticks / TimeSpan.TicksPerDay;
        var rest = ticks % TimeSpan.TicksPerDay;
        if (days > 0)
        {
            text.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (rest > 0)
        {
            text.Append('T');
            var hours = rest / TimeSpan.TicksPerHour;
            var minutes = rest % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
            var secondTicks = rest % TimeSpan.TicksPerMinute;
            if (hours > 0)
            {
                text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes > 0)
            {
                text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (secondTicks > 0)
            {
                text.Append((secondTicks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture));
                var fraction = secondTicks % TimeSpan.TicksPerSecond;
                if (fraction > 0)
                {
                    text.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
                }

                text.Append('S');
            }
        }

        return text.ToString();
    }

    /// <summary>Reads a duration; false for text that is not one or that does not fit a <see cref="TimeSpan"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var position = 0;
        var negative = text[0] == '-';
        if (negative)
        {
            position++;
        }

        if (position >= text.Length || text[position] != 'P')
        {
            return false;
        }

        position++;
        // ISO 8601 §4.4.3.2: designators in order; T separates the date part from the time part.
        const string dateDesignators = "YMWD";
        const string timeDesignators = "HMS";
        decimal ticks = 0;
        var inTime = false;
        var components = 0;
        var lastDesignator = -1;
        while (position < text.Length)
        {
            if (text[position] == 'T')
            {
                if (inTime || position + 1 == text.Length)
                {
                    return false;
                }

                inTime = true;
                lastDesignator = -1;
                position++;
                continue;
            }

            var start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '.' or ','))
            {
                position++;
            }

            // More than 20 digits overflows any TimeSpan (and decimal arithmetic): not a duration we can hold.
            if (position == start || position == text.Length || position - start > 20)
            {
                return false;
            }

            var number = text[start..position].Replace(',', '.');
            var designators = inTime ? timeDesignators : dateDesignators;
            var designator = designators.IndexOf(text[position], StringComparison.Ordinal);
            if (designator <= lastDesignator
                || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || (number.Contains('.', StringComparison.Ordinal) && !(inTime && designators[designator] == 'S')))
            {
                return false;
            }

            ticks += value * (inTime ? TimeUnit(designators[designator]) : DateUnit(designators[designator]));
            lastDesignator = designator;
            components++;
            position++;
        }

        if (components == 0)
        {
            return false;
        }

        ticks = decimal.Truncate(negative ? -ticks : ticks);
        if (ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
        {
            return false;
        }

        duration = new TimeSpan((long)ticks);
        return true;
    }

    public static TimeSpan Parse(string text) => TryParse(text, out var duration)
        ? duration
        : throw new FormatException($"'{text}' is not an ISO 8601 duration such as PT40M, P1D or PT30S.");

    private static decimal DateUnit(char designator) => designator switch
    {
        'Y' => 365m * TimeSpan.TicksPerDay,
        'M' => 30m * TimeSpan.TicksPerDay,
        'W' => 7m * TimeSpan.TicksPerDay,
        _ => TimeSpan.TicksPerDay,
    };

    private static decimal TimeUnit(char designator) => designator switch
    {
        'H' => TimeSpan.TicksPerHour,
        'M' => TimeSpan.TicksPerMinute,
        _ => TimeSpan.TicksPerSecond,
    };
}
