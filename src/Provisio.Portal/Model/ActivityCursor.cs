using System.Globalization;

namespace Provisio.Portal.Model;

/// <summary>
/// The <c>after</c> of the portal's "Next page" links for provisioning logs and audits: the last row's
/// <c>activityDateTime</c> (UTC ticks) and id, <c>ticks.id</c>, the store's keyset cursor (never an offset).
/// </summary>
public static class ActivityCursor
{
    public static string Encode(DateTimeOffset activityDateTime, string id) =>
        string.Create(CultureInfo.InvariantCulture, $"{activityDateTime.UtcTicks}.{id}");

    /// <summary>The cursor's time and id, or null when the text is not one.</summary>
    public static (DateTimeOffset ActivityDateTime, string Id)? Decode(string? text)
    {
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot < 1 || dot == text.Length - 1
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        return (new DateTimeOffset(ticks, TimeSpan.Zero), text[(dot + 1)..]);
    }
}
