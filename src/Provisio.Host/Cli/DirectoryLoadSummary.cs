using System.Globalization;
using Provisio.Directory.Loading;

namespace Provisio.Host.Cli;

/// <summary>
/// The last line of <c>directory import</c> and <c>directory generate</c>, on stdout:
/// <c>users: 3 created, 0 updated, 1 failed; groups: ...; managers: 2 set, 0 unchanged, 0 failed; memberships: ...; 1 bad row; 0.4 s, 10 users/s</c>.
/// </summary>
internal static class DirectoryLoadSummary
{
    public static string Describe(DirectoryLoadCounts counts, TimeSpan elapsed, long rated, string unit)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture,
            $"users: {counts.Users.Created:N0} created, {counts.Users.Updated:N0} updated, {counts.Users.Failed:N0} failed; " +
            $"groups: {counts.Groups.Created:N0} created, {counts.Groups.Updated:N0} updated, {counts.Groups.Failed:N0} failed; " +
            $"managers: {counts.Managers.Added:N0} set, {counts.Managers.Unchanged:N0} unchanged, {counts.Managers.Failed:N0} failed; " +
            $"memberships: {counts.Memberships.Added:N0} added, {counts.Memberships.Unchanged:N0} unchanged, {counts.Memberships.Failed:N0} failed; " +
            $"{counts.BadRows:N0} bad {(counts.BadRows == 1 ? "row" : "rows")}; " +
            $"{elapsed.TotalSeconds:0.0} s, {rated / seconds:N0} {unit}/s");
    }
}
