using System.Globalization;
using System.Net;
using Provisio.Synchronization.Audit;
using Provisio.Synchronization.Configuration;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Notifications;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Health;

/// <summary>
/// The audit records and e-mails a job's life produces (reference entra-engine-and-api §2.4, §8; seed 002 "How do I
/// know if my application is in quarantine?"): every record is Graph's <c>directoryAudit</c> logged by
/// <c>Account Provisioning</c> in <c>ProvisioningManagement</c>, with the service principal and the job as its target
/// resources; the quarantine e-mail names the application, the reason and what to do.
/// </summary>
public static class HealthNotices
{
    public const string Category = "ProvisioningManagement";

    public const string LoggedByService = "Account Provisioning";

    /// <summary>Entra's provisioning audit activities (reference §8).</summary>
    public static class Activities
    {
        public const string Add = "Add provisioning configuration";
        public const string Delete = "Delete provisioning configuration";
        public const string Pause = "Disable/pause provisioning configuration";
        public const string Restart = "Enable/restart provisioning configuration";
        public const string Start = "Enable/start provisioning configuration";
        public const string ProcessEscrow = "Process escrow";
        public const string Quarantine = "Quarantine";
        public const string Mappings = "Update attribute mappings or scope";
        public const string Settings = "Update provisioning setting or credentials";
    }

    /// <summary>Who did it: the service itself (a cycle's consequence) or an administrator through the API.</summary>
    public static AuditActivityInitiator Service { get; } = new() { App = new AppIdentity { DisplayName = "Provisio provisioning service" } };

    public static AuditActivityInitiator Administrator { get; } = new() { User = new UserIdentity { DisplayName = "Administrator" } };

    public static DirectoryAudit Audit(StoredJob job, string servicePrincipalName, string activity, string operationType, AuditActivityInitiator initiatedBy,
        DateTimeOffset now, IEnumerable<(string Key, string? Value)> details, string? correlationId = null, OperationResult result = OperationResult.Success,
        string? resultReason = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(details);
        return new DirectoryAudit
        {
            Id = Guid.CreateVersion7(now).ToString("D"),
            Category = Category,
            LoggedByService = LoggedByService,
            ActivityDisplayName = activity,
            ActivityDateTime = now,
            OperationType = operationType,
            CorrelationId = correlationId,
            Result = result,
            ResultReason = resultReason,
            InitiatedBy = initiatedBy,
            TargetResources =
            [
                new TargetResource { Id = job.ServicePrincipalId.ToString("D"), DisplayName = servicePrincipalName, Type = "ServicePrincipal" },
                new TargetResource { Id = job.Id, DisplayName = job.Id, Type = "SynchronizationJob" },
            ],
            AdditionalDetails = [.. details.Where(detail => detail.Value is not null).Select(detail => new KeyValue(detail.Key, detail.Value))],
        };
    }

    /// <summary>The "Quarantine" record for an imposed, continued, changed or lifted quarantine.</summary>
    public static DirectoryAudit QuarantineAudit(StoredJob job, string servicePrincipalName, QuarantineChange change, SynchronizationQuarantine? before,
        bool disabled, AuditActivityInitiator initiatedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var quarantine = job.Job.Status.Quarantine;
        var what = change switch
        {
            QuarantineChange.Entered => $"The job was placed in quarantine: {quarantine?.Reason}.",
            QuarantineChange.ReasonChanged => $"The quarantine's reason changed from {before?.Reason} to {quarantine?.Reason}.",
            QuarantineChange.Continued => $"The quarantine was re-evaluated and stays in effect ({quarantine?.Reason}, evaluation {quarantine?.SeriesCount}).",
            _ => $"The quarantine ({before?.Reason}) was lifted.",
        };
        if (disabled)
        {
            what += " The job has been in quarantine for more than four weeks and is disabled.";
        }

        return Audit(job, servicePrincipalName, Activities.Quarantine, change == QuarantineChange.Lifted ? "Delete" : "Update", initiatedBy, now,
        [
            ("Details", what),
            ("EventName", change.ToString()),
            ("QuarantineReason", (quarantine ?? before)?.Reason?.ToString()),
            ("ErrorCode", (quarantine ?? before)?.Error?.Code),
            ("ErrorMessage", quarantine?.Error?.Message),
            ("SeriesBegan", Time((quarantine ?? before)?.SeriesBegan)),
            ("NextAttempt", Time(quarantine?.NextAttempt)),
            ("RecommendedAction", quarantine is null ? null : QuarantineRules.RecommendedAction(quarantine)),
        ], job.Job.Status.LastExecution?.ActivityIdentifier);
    }

    /// <summary>
    /// The quarantine e-mail (seed 002: "a one-time notification email is sent. If the quarantine reason changes, an
    /// updated email is sent"), or null when the job's notification settings send none.
    /// </summary>
    /// <param name="portal">The portal's address: the e-mail then links to the job's page there.</param>
    public static OutgoingEmail? QuarantineEmail(StoredJob job, string servicePrincipalName, NotificationSettings settings, bool reasonChanged, bool disabled, DateTimeOffset now,
        Uri? portal = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.SendsEmail || job.Job.Status.Quarantine is not { } quarantine)
        {
            return null;
        }

        var reason = quarantine.Reason?.ToString() ?? nameof(QuarantineReason.Unknown);
        var subject = disabled
            ? $"Provisioning for {servicePrincipalName} was disabled after four weeks in quarantine"
            : $"Provisioning for {servicePrincipalName} is in quarantine{(reasonChanged ? " for a new reason" : "")}: {reason}";
        var action = QuarantineRules.RecommendedAction(quarantine);
        var lines = new List<string>
        {
            disabled
                ? $"The provisioning job {job.Id} of the application \"{servicePrincipalName}\" has been in quarantine since {Time(quarantine.SeriesBegan)} and is now disabled: it no longer runs."
                : $"The provisioning job {job.Id} of the application \"{servicePrincipalName}\" was placed in quarantine at {Time(quarantine.CurrentBegan)}.",
            "",
            $"Reason: {reason} ({Explain(quarantine.Reason)})",
        };
        if (quarantine.Error is { } error)
        {
            lines.Add($"Error: {error.Code}: {error.Message}");
        }

        lines.AddRange(
        [
            "",
            $"What to do: {action}",
            "",
            disabled
                ? "Start or restart the job once the cause is fixed."
                : $"Next attempt: {Time(quarantine.NextAttempt)}. While in quarantine, cycles run less and less often, down to once a day; after four weeks the job is disabled.",
            "",
            .. portal is null ? Array.Empty<string>() : [$"In the portal: {new Uri(portal, $"applications/{job.ServicePrincipalId:D}")}"],
            $"Status: GET /v1.0/servicePrincipals/{job.ServicePrincipalId:D}/synchronization/jobs/{job.Id} (status.quarantine)",
            $"Provisioning logs: GET /v1.0/auditLogs/provisioning?$filter=jobId eq '{job.Id}' and provisioningStatusInfo/status eq 'failure'",
            $"Diagnosis: provisio diagnose {job.Id}",
            "",
            "You receive this e-mail because this address is the job's notification e-mail (the SyncNotificationSettings secret's Recipients).",
        ]);
        var text = string.Join("\n", lines) + "\n";
        var html = "<html><body>" + string.Join("", lines.Select(line => line.Length == 0 ? "" : $"<p>{WebUtility.HtmlEncode(line)}</p>")) + "</body></html>";
        return new OutgoingEmail
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            JobId = job.Id,
            To = settings.Recipients,
            Subject = subject,
            TextBody = text,
            HtmlBody = html,
            Created = now,
            NextAttempt = now,
        };
    }

    /// <summary>What each reason means (seed 002 "Why is my application in quarantine?").</summary>
    public static string Explain(QuarantineReason? reason) => reason switch
    {
        QuarantineReason.EncounteredQuarantineException => "the credentials are invalid or the target could not be reached or answered as SCIM does not",
        QuarantineReason.EncounteredEscrowProportionThreshold => "more than 40 % of the provisioning events failed",
        QuarantineReason.EncounteredBaseEscrowThreshold => "more than 40,000 objects failed to provision",
        QuarantineReason.EncounteredTotalEscrowThreshold => "more than 60,000 failures, reference failures included",
        QuarantineReason.TooManyDeletes => "a cycle would delete or disable more objects than the accidental-deletion threshold",
        QuarantineReason.QuarantinedOnDemand => "an administrator put the job in quarantine",
        _ => "unknown",
    };

    private static string? Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
