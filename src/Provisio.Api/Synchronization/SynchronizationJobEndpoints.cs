using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Directory;
using Provisio.Api.Errors;
using Provisio.Directory;
using Provisio.Synchronization;
using Provisio.Synchronization.Cluster;
using Provisio.Synchronization.Configuration;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>/servicePrincipals/{id}/synchronization/jobs</c>, Graph's <c>synchronizationJob</c> and its actions (reference
/// entra-engine-and-api §1.18, §6.1, §6.2): create from a template, list, read, change the interval, delete, start,
/// pause, restart, validate credentials, and Provisio's own <c>provisio.runCycle</c>, which runs one cycle now and
/// answers with its <c>synchronizationTaskExecution</c>.
/// </summary>
public static class SynchronizationJobEndpoints
{
    public const string RunCycleAction = "provisio.runCycle";

    public const string QuarantineAction = "provisio.quarantine";

    public const string PendingDeletions = "provisio.pendingDeletions";

    public static void MapSynchronizationJobs(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var jobs = version.MapGroup("/servicePrincipals/{id:guid}/synchronization/jobs");
        jobs.MapGet("/", ListAsync);
        jobs.MapPost("/", CreateAsync);
        jobs.MapGet("/{jobId}", GetAsync);
        jobs.MapMethods("/{jobId}", ["PATCH"], UpdateAsync);
        jobs.MapDelete("/{jobId}", DeleteAsync);
        jobs.MapPost("/{jobId}/start", StartAsync);
        jobs.MapPost("/{jobId}/pause", PauseAsync);
        jobs.MapPost("/{jobId}/restart", RestartAsync);
        jobs.MapPost("/{jobId}/validateCredentials", ValidateCredentialsAsync);
        jobs.MapPost($"/{{jobId}}/{RunCycleAction}", RunCycleAsync);
        jobs.MapPost($"/{{jobId}}/{QuarantineAction}", QuarantineAsync);
        jobs.MapGet($"/{{jobId}}/{PendingDeletions}", PendingDeletionsAsync);
    }

    private static async Task<IResult> ListAsync(Guid id, HttpRequest request, IDirectoryStore directory, SynchronizationEngine engine,
        CancellationToken cancellationToken)
    {
        if (!await SynchronizationHttp.ServicePrincipalExistsAsync(directory, id, cancellationToken).ConfigureAwait(false))
        {
            return SynchronizationHttp.ServicePrincipalNotFound(id);
        }

        var jobs = await engine.ListJobsAsync(id, cancellationToken).ConfigureAwait(false);
        return SynchronizationHttp.Collection(SynchronizationHttp.Context(request, id, "jobs"), jobs.Select(job => job.Job));
    }

    /// <summary><c>POST .../jobs {"templateId":"scim"}</c> → 201, the job <c>NotConfigured</c> and <c>Disabled</c> (reference §1.19).</summary>
    private static async Task<IResult> CreateAsync(Guid id, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not JsonObject json)
        {
            return GraphJson.UnreadableBody;
        }

        if (GraphJson.Text(json["templateId"]) is not { Length: > 0 } templateId)
        {
            return GraphError.BadRequest("Property 'templateId' is required to create a synchronization job (for a SCIM application: \"scim\").", "InvalidTemplate");
        }

        var created = await engine.CreateJobAsync(id, templateId, cancellationToken).ConfigureAwait(false);
        return created.Value is { } job
            ? Entity(request, job, StatusCodes.Status201Created)
            : SynchronizationHttp.ToError(created.Error!);
    }

    private static async Task<IResult> GetAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, IClusterMembership membership, CancellationToken cancellationToken)
    {
        if (await engine.GetJobAsync(id, jobId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return SynchronizationHttp.JobNotFound(id, jobId);
        }

        var node = SynchronizationHttp.ToNode(job.Job, SynchronizationHttp.Context(request, job.ServicePrincipalId, "jobs/$entity"));
        await AddNodeAsync(node, job.Id, membership, cancellationToken).ConfigureAwait(false);
        return SynchronizationHttp.Json(node);
    }

    /// <summary>
    /// In a cluster, <c>status.provisio.node</c>: the node running the job's cycle now (null between cycles). Provisio's own
    /// property, left out on one node so that the job is exactly Graph's shape there.
    /// </summary>
    private static async Task AddNodeAsync(JsonNode job, string jobId, IClusterMembership membership, CancellationToken cancellationToken)
    {
        if (membership.Clustered && job["status"] is JsonObject status)
        {
            status["provisio.node"] = await membership.NodeRunningAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>PATCH .../jobs/{jobId}</c> → 204: <c>{"schedule":{"interval":"PT30S"}}</c> (INTERFACES.md), the accidental-deletion
    /// threshold as the seed 000 writes it, <c>{"schedule":{"accidentalDeletionThreshold":100}}</c>, or as Graph's job
    /// setting, <c>{"synchronizationJobSettings":[{"name":"QuarantineTooManyDeletesThreshold","value":"100"}]}</c>. The
    /// schedule's state follows start and pause, and the other properties are read-only. Everything is checked before
    /// anything changes.
    /// </summary>
    private static async Task<IResult> UpdateAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not JsonObject json)
        {
            return GraphJson.UnreadableBody;
        }

        if (await engine.GetJobAsync(id, jobId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return SynchronizationHttp.JobNotFound(id, jobId);
        }

        if (json.Select(property => property.Key).FirstOrDefault(name =>
            !name.Equals("schedule", StringComparison.OrdinalIgnoreCase) && !name.Equals("synchronizationJobSettings", StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            return GraphError.BadRequest(
                $"Property '{other}' of a synchronizationJob cannot be changed with PATCH; only schedule.interval, schedule.accidentalDeletionThreshold and synchronizationJobSettings can.",
                "InvalidSchedule");
        }

        TimeSpan? interval = null;
        int? threshold = null;
        if (json.FirstOrDefault(property => property.Key.Equals("schedule", StringComparison.OrdinalIgnoreCase)).Value is { } scheduleNode)
        {
            if (scheduleNode is not JsonObject schedule)
            {
                return GraphError.BadRequest("Give the schedule as an object: {\"schedule\":{\"interval\":\"PT40M\"}} (an ISO 8601 duration).", "InvalidSchedule");
            }

            foreach (var (name, value) in schedule)
            {
                switch (name.ToUpperInvariant())
                {
                    case "INTERVAL" when value is null:
                        break;
                    case "INTERVAL":
                        if (!Iso8601Duration.TryParse(GraphJson.Text(value), out var parsed))
                        {
                            return GraphError.BadRequest(
                                $"The interval '{GraphJson.Text(value) ?? value.ToJsonString()}' is not an ISO 8601 duration such as PT40M, PT30S or P1D.", "InvalidSchedule");
                        }

                        interval = parsed;
                        break;
                    case "ACCIDENTALDELETIONTHRESHOLD":
                        if (!NotificationSettings.PositiveInteger(value, out var number))
                        {
                            return GraphError.BadRequest(
                                $"schedule.accidentalDeletionThreshold must be a positive integer, not {value?.ToJsonString() ?? "null"}.", "InvalidSchedule");
                        }

                        threshold = number;
                        break;
                    case "EXPIRATION" when value is null:
                        break;
                    case "STATE" when string.Equals(GraphJson.Text(value), job.Job.Schedule.State.ToString(), StringComparison.OrdinalIgnoreCase):
                        break;
                    default:
                        return GraphError.BadRequest(
                            $"Property 'schedule.{name}' cannot be changed with PATCH: only the interval and accidentalDeletionThreshold can (start and pause change the state).",
                            "InvalidSchedule");
                }
            }
        }

        if (json.FirstOrDefault(property => property.Key.Equals("synchronizationJobSettings", StringComparison.OrdinalIgnoreCase)).Value is { } settingsNode)
        {
            if (settingsNode is not JsonArray settings)
            {
                return GraphError.BadRequest("synchronizationJobSettings must be an array of {\"name\",\"value\"} pairs.", "InvalidSchedule");
            }

            foreach (var setting in settings)
            {
                var name = setting is JsonObject pair ? GraphJson.Text(pair["name"]) : null;
                if (!string.Equals(name, SynchronizationJob.QuarantineTooManyDeletesThreshold, StringComparison.OrdinalIgnoreCase))
                {
                    return GraphError.BadRequest(
                        $"The job setting '{name}' cannot be changed; {SynchronizationJob.QuarantineTooManyDeletesThreshold} can.", "InvalidSchedule");
                }

                if (!NotificationSettings.PositiveInteger(setting!["value"], out var number))
                {
                    return GraphError.BadRequest(
                        $"{SynchronizationJob.QuarantineTooManyDeletesThreshold} must be a positive integer, not {setting["value"]?.ToJsonString() ?? "null"}.", "InvalidSchedule");
                }

                threshold = number;
            }
        }

        if (interval is { } newInterval && interval < TimeSpan.FromSeconds(1))
        {
            return GraphError.BadRequest($"The interval must be at least one second (PT1S), not '{Iso8601Duration.Format(newInterval)}'.", "InvalidSchedule");
        }

        if (threshold is { } newThreshold)
        {
            var saved = await engine.SetDeletionThresholdAsync(id, jobId, newThreshold, cancellationToken).ConfigureAwait(false);
            if (!saved.Succeeded)
            {
                return SynchronizationHttp.ToError(saved.Error!);
            }
        }

        if (interval is { } changed)
        {
            var updated = await engine.SetIntervalAsync(id, jobId, changed, cancellationToken).ConfigureAwait(false);
            if (!updated.Succeeded)
            {
                return SynchronizationHttp.ToError(updated.Error!);
            }
        }

        return Results.NoContent();
    }

    /// <summary>Deletes the job and its state; accounts in the target stay as they are (reference §1.18).</summary>
    private static async Task<IResult> DeleteAsync(Guid id, string jobId, SynchronizationEngine engine, CancellationToken cancellationToken) =>
        await engine.DeleteJobAsync(id, jobId, cancellationToken).ConfigureAwait(false)
            ? Results.NoContent()
            : SynchronizationHttp.JobNotFound(id, jobId);

    private static async Task<IResult> StartAsync(Guid id, string jobId, SynchronizationEngine engine, CancellationToken cancellationToken) =>
        NoContent(await engine.StartAsync(id, jobId, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> PauseAsync(Guid id, string jobId, SynchronizationEngine engine, CancellationToken cancellationToken) =>
        NoContent(await engine.PauseAsync(id, jobId, cancellationToken).ConfigureAwait(false));

    /// <summary><c>POST .../restart {"criteria":{"resetScope":"Watermark, Escrows"}}</c>, or no body: the portal's "Restart provisioning" (reference §6.8).</summary>
    private static async Task<IResult> RestartAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not (null or JsonObject))
        {
            return GraphJson.UnreadableBody;
        }

        SynchronizationJobRestartCriteria? criteria = null;
        if (body?["criteria"] is { } node)
        {
            try
            {
                criteria = node.Deserialize<SynchronizationJobRestartCriteria>(SynchronizationJson.Options);
            }
            catch (JsonException exception)
            {
                return GraphError.BadRequest($"Property 'criteria.resetScope' is invalid: {exception.Message}", "InvalidRestartCriteria");
            }
        }

        return NoContent(await engine.RestartAsync(id, jobId, criteria, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Test Connection (reference §1.15): <c>{"credentials":[...], "useSavedCredentials": false}</c> → 204, or 400 whose
    /// code says what failed (<c>SystemForCrossDomainIdentityManagementCredentialsInvalid</c>, ...).
    /// </summary>
    private static async Task<IResult> ValidateCredentialsAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine,
        CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not (null or JsonObject))
        {
            return GraphJson.UnreadableBody;
        }

        var useSaved = false;
        if (body?["useSavedCredentials"] is { } saved)
        {
            if (saved.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return GraphError.BadRequest("Property 'useSavedCredentials' must be true or false.");
            }

            useSaved = saved.GetValue<bool>();
        }

        List<SynchronizationSecretKeyStringValuePair>? credentials = null;
        if (body?["credentials"] is { } given && !SynchronizationHttp.TryReadSecrets(given, "credentials", out credentials, out var error))
        {
            return error!;
        }

        var result = await engine.ValidateCredentialsAsync(id, jobId, credentials, useSaved, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : SynchronizationHttp.ToError(result.Error!);
    }

    /// <summary>
    /// <c>POST .../jobs/{jobId}/provisio.runCycle?dryRun=true|false</c>: Provisio's own action (not Graph's). Runs one cycle
    /// now, after a running one finishes, and answers 200 with what it did (the status's <c>lastExecution</c>).
    /// </summary>
    private static async Task<IResult> RunCycleAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var dryRun = false;
        if (request.Query["dryRun"] is { Count: > 0 } values && !bool.TryParse(values[^1], out dryRun))
        {
            return GraphError.BadRequest($"The parameter 'dryRun' must be true or false, not '{values[^1]}'.");
        }

        if (await engine.GetJobAsync(id, jobId, cancellationToken).ConfigureAwait(false) is null)
        {
            return SynchronizationHttp.JobNotFound(id, jobId);
        }

        var cycle = await engine.RunCycleAsync(jobId, dryRun, cancellationToken).ConfigureAwait(false);
        return SynchronizationHttp.Json(SynchronizationHttp.ToNode(cycle.Execution,
            $"{GraphJson.Metadata(request)}#microsoft.graph.synchronizationTaskExecution"));
    }

    /// <summary>
    /// <c>POST .../jobs/{jobId}/provisio.quarantine {"reason":"..."}</c> → 204: an administrator puts the job in quarantine
    /// on purpose (<c>QuarantinedOnDemand</c>); scheduled cycles wait until it is started or restarted.
    /// </summary>
    private static async Task<IResult> QuarantineAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not (null or JsonObject))
        {
            return GraphJson.UnreadableBody;
        }

        if (body?["reason"] is { } given && GraphJson.Text(given) is null)
        {
            return GraphError.BadRequest("Property 'reason' must be a string.");
        }

        return NoContent(await engine.QuarantineAsync(id, jobId, GraphJson.Text(body?["reason"]), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// <c>GET .../jobs/{jobId}/provisio.pendingDeletions</c>: the deletes and disables accidental-deletion protection holds
    /// (reference §3), with the threshold; <c>approved</c> ones go out on the next cycle.
    /// </summary>
    private static async Task<IResult> PendingDeletionsAsync(Guid id, string jobId, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var pending = await engine.GetPendingDeletionsAsync(id, jobId, cancellationToken).ConfigureAwait(false);
        if (pending.Value is not { } deletions)
        {
            return SynchronizationHttp.ToError(pending.Error!);
        }

        return SynchronizationHttp.Json(new JsonObject
        {
            ["@odata.context"] = SynchronizationHttp.Context(request, id, $"jobs('{jobId}')/{PendingDeletions}"),
            ["threshold"] = deletions.Threshold,
            ["value"] = new JsonArray([.. deletions.Entries.Select(entry => (JsonNode)new JsonObject
            {
                ["sourceId"] = entry.SourceId.ToString("D"),
                ["objectType"] = entry.ObjectType,
                ["displayName"] = entry.DisplayName,
                ["action"] = entry.Action,
                ["approved"] = entry.Kind == EscrowKind.ApprovedDeletion,
                ["stagedDateTime"] = JsonSerializer.SerializeToNode(entry.FirstFailure, SynchronizationJson.Options),
            })]),
        });
    }

    private static IResult Entity(HttpRequest request, StoredJob job, int statusCode = StatusCodes.Status200OK) =>
        SynchronizationHttp.Json(SynchronizationHttp.ToNode(job.Job, SynchronizationHttp.Context(request, job.ServicePrincipalId, "jobs/$entity")), statusCode);

    private static IResult NoContent(EngineResult<StoredJob> result) =>
        result.Succeeded ? Results.NoContent() : SynchronizationHttp.ToError(result.Error!);
}
