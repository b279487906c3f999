using Provisio.Synchronization.Health;

namespace Provisio.Portal.Model;

/// <summary>
/// The pages that serve a troubleshooting row better than its log entries, or beside them: a quarantine's reason is on
/// the overview and in the audit log, held deletions are approved or rejected in the overview's pending-deletions banner.
/// </summary>
public static class PresetElsewhere
{
    /// <summary>The other pages for the preset, as link text and base-relative address; none for most.</summary>
    public static IReadOnlyList<(string Text, string Href)> For(Guid application, string preset) => preset switch
    {
        ProvisioningLogPresets.JobInQuarantine =>
        [
            ("Quarantine status on the overview", $"{PortalRoutes.Overview(application)}#quarantine-title"),
            ("Quarantine entries in the audit log", $"{PortalRoutes.Audit(application)}&activity={Uri.EscapeDataString(HealthNotices.Activities.Quarantine)}"),
        ],
        ProvisioningLogPresets.MassDeletionsPending =>
        [
            ("Pending deletions on the overview (approve or reject)", $"{PortalRoutes.Overview(application)}#pending-title"),
        ],
        _ => [],
    };
}
