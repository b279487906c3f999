using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Directory;
using Provisio.Api.Errors;
using Provisio.Synchronization;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>POST .../jobs/{jobId}/provisionOnDemand</c> (reference entra-engine-and-api §1.14, §6.9): one user, or one group with
/// up to 5 members, provisioned now. The answer is Graph's <c>stringKeyStringValuePair</c>: <c>key</c> a JSON string
/// <c>{"result","details":{"errorCode","errorMessage"}}</c>, <c>value</c> a JSON string of the entry (action, steps with
/// their details, statusInfo, identities, modifiedProperties). For a group the value is the group's entry (Graph sends
/// <c>"{}"</c>; the members' entries are in the provisioning logs either way). 5 calls per 10 s per job, then 429.
/// </summary>
public static class ProvisionOnDemandEndpoints
{
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapProvisionOnDemand(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapPost("/servicePrincipals/{id:guid}/synchronization/jobs/{jobId}/provisionOnDemand", PostAsync);
    }

    private static async Task<IResult> PostAsync(Guid id, string jobId, HttpRequest request, HttpResponse response, SynchronizationEngine engine,
        CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not JsonObject json || json["parameters"] is not JsonArray { Count: > 0 } parameters
            || parameters[0] is not JsonObject parameter || parameter["subjects"] is not JsonArray { Count: 1 } subjects || subjects[0] is not JsonObject subject)
        {
            return GraphError.Create(StatusCodes.Status400BadRequest, "InvalidRequest",
                "The body must be {\"parameters\":[{\"ruleId\":\"...\",\"subjects\":[{\"objectId\":\"...\",\"objectTypeName\":\"User\"}]}]} with one subject.");
        }

        var type = GraphJson.Text(subject["objectTypeName"]);
        if (!Guid.TryParse(GraphJson.Text(subject["objectId"]), out var objectId) || type is null)
        {
            return GraphError.Create(StatusCodes.Status400BadRequest, "InvalidRequest", "The subject needs an objectId (a GUID) and an objectTypeName (User or Group).");
        }

        List<Guid> users = [];
        Guid? group = null;
        if (type.Equals("Group", StringComparison.OrdinalIgnoreCase))
        {
            group = objectId;
            foreach (var member in subject["links"]?["members"] as JsonArray ?? [])
            {
                if (member is not JsonObject link || !Guid.TryParse(GraphJson.Text(link["objectId"]), out var memberId))
                {
                    return GraphError.Create(StatusCodes.Status400BadRequest, "InvalidRequest", "Each member link needs an objectId (a GUID).");
                }

                users.Add(memberId);
            }
        }
        else if (type.Equals("User", StringComparison.OrdinalIgnoreCase))
        {
            users.Add(objectId);
        }
        else
        {
            return GraphError.Create(StatusCodes.Status400BadRequest, "InvalidRequest", $"objectTypeName must be User or Group, not '{type}'.");
        }

        var result = await engine.ProvisionOnDemandAsync(id, jobId, users, group, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            if (error.Status == StatusCodes.Status429TooManyRequests)
            {
                response.Headers.RetryAfter = ((int)SynchronizationEngine.OnDemandWindow.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return SynchronizationHttp.ToError(error);
        }

        var entries = result.Value!.Entries;
        var entry = entries.LastOrDefault(log => log.SourceIdentity.Id == objectId.ToString("D")) ?? entries.LastOrDefault();
        return Results.Json(entry is null ? Empty() : Pair(entry));
    }

    private static JsonObject Empty() => new()
    {
        ["@odata.type"] = "#microsoft.graph.stringKeyStringValuePair",
        ["key"] = """{"result":"Skipped","details":{"errorCode":"EntrySynchronizationSkipped","errorMessage":"The object is not in scope for this application."}}""",
        ["value"] = "{}",
    };

    private static JsonObject Pair(ProvisioningObjectSummary entry)
    {
        var status = entry.ProvisioningStatusInfo;
        var result = status.Status switch
        {
            ProvisioningResult.Success => "Success",
            ProvisioningResult.Skipped => "Skipped",
            ProvisioningResult.Warning => "Warning",
            _ => "Failure",
        };
        var key = new JsonObject
        {
            ["result"] = result,
            ["details"] = new JsonObject
            {
                ["errorCode"] = status.ErrorInformation?.ErrorCode,
                ["errorMessage"] = status.ErrorInformation?.Reason,
            },
        };
        var value = new JsonObject
        {
            ["action"] = entry.ProvisioningAction switch
            {
                ProvisioningAction.Create => "Create",
                ProvisioningAction.Update => "Update",
                ProvisioningAction.Delete => "Delete",
                ProvisioningAction.Disable => "Disable",
                _ => "Other",
            },
            ["changeId"] = entry.ChangeId,
            ["startTime"] = entry.ActivityDateTime.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["endTime"] = entry.ActivityDateTime.AddMilliseconds(entry.DurationInMilliseconds).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["modifiedProperties"] = new JsonArray([.. entry.ModifiedProperties.Select(property => (JsonNode)new JsonObject
            {
                ["displayName"] = property.DisplayName,
                ["oldValue"] = property.OldValue,
                ["newValue"] = property.NewValue,
            })]),
            ["provisioningSteps"] = new JsonArray([.. entry.ProvisioningSteps.Select(step => (JsonNode)new JsonObject
            {
                ["name"] = step.Name,
                ["type"] = JsonSerializer.SerializeToNode(step.ProvisioningStepType, SynchronizationJson.Options),
                ["status"] = JsonSerializer.SerializeToNode(step.Status, SynchronizationJson.Options),
                ["description"] = step.Description,
                ["timestamp"] = entry.ActivityDateTime.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["details"] = Details(step.Details),
            })]),
            ["reportableIdentifier"] = entry.SourceIdentity.DisplayName,
            ["statusInfo"] = new JsonObject
            {
                ["status"] = result,
                ["errorCode"] = status.ErrorInformation?.ErrorCode,
                ["reason"] = status.ErrorInformation?.Reason,
                ["additionalDetails"] = status.ErrorInformation?.AdditionalDetails,
                ["errorCategory"] = status.ErrorInformation?.ErrorCategory is { } category ? JsonSerializer.SerializeToNode(category, SynchronizationJson.Options) : null,
                ["recommendedAction"] = status.ErrorInformation?.RecommendedAction,
            },
            ["sourceIdentity"] = Identity(entry.SourceIdentity),
            ["sourceSystem"] = SystemOf(entry.SourceSystem),
            ["targetIdentity"] = Identity(entry.TargetIdentity),
            ["targetSystem"] = SystemOf(entry.TargetSystem),
        };
        return new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.stringKeyStringValuePair",
            ["key"] = key.ToJsonString(WriteOptions),
            ["value"] = value.ToJsonString(WriteOptions),
        };
    }

    private static JsonObject Identity(ProvisionedIdentity identity) => new()
    {
        ["id"] = identity.Id,
        ["type"] = identity.IdentityType,
        ["displayName"] = identity.DisplayName,
        ["details"] = Details(identity.Details),
    };

    private static JsonObject SystemOf(ProvisioningSystem? system) => new()
    {
        ["id"] = system?.Id,
        ["name"] = system?.DisplayName,
        ["details"] = Details(system?.Details ?? new Dictionary<string, string>()),
    };

    private static JsonObject Details(IReadOnlyDictionary<string, string> details) =>
        new([.. details.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value)))]);
}
