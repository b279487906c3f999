using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Provisio.Api.Directory;
using Provisio.Api.Errors;
using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Synchronization;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;

namespace Provisio.Api.Synchronization;

/// <summary>
/// What the synchronization endpoints share: Graph JSON as <see cref="SynchronizationJson"/> writes it (camelCase, enums
/// by name, ISO 8601 durations), <c>@odata.context</c>, engine errors as Graph errors, and request bodies read leniently
/// (an empty body is no body, as Graph's actions without parameters take one).
/// </summary>
internal static class SynchronizationHttp
{
    /// <summary>The resource as a JSON object, <c>@odata.context</c> first when given.</summary>
    public static JsonObject ToNode<T>(T value, string? context = null)
    {
        var node = JsonSerializer.SerializeToNode(value, SynchronizationJson.Options)!.AsObject();
        if (context is not null)
        {
            node.Insert(0, "@odata.context", context);
        }

        return node;
    }

    public static IResult Json(JsonNode body, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(body, SynchronizationJson.Options, "application/json", statusCode);

    /// <summary><c>{"@odata.context", "value":[...]}</c>.</summary>
    public static IResult Collection<T>(string context, IEnumerable<T> items) => Json(new JsonObject
    {
        ["@odata.context"] = context,
        ["value"] = new JsonArray([.. items.Select(item => (JsonNode)ToNode(item))]),
    });

    public static IResult ToError(EngineError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return GraphError.Create(error.Status, error.Code, error.Message);
    }

    /// <summary><c>https://host/v1.0/$metadata#servicePrincipals('{id}')/synchronization</c>, followed by <paramref name="path"/>.</summary>
    public static string Context(HttpRequest request, Guid servicePrincipalId, string path) =>
        $"{GraphJson.Metadata(request)}#servicePrincipals('{servicePrincipalId}')/synchronization/{path}";

    /// <summary>The request body as JSON; null with <paramref name="readable"/> true when there is none (or only whitespace).</summary>
    public static async Task<(JsonNode? Body, bool Readable)> ReadOptionalBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, true);
        }

        try
        {
            return (JsonNode.Parse(text, GraphJson.NodeOptions), true);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }

    /// <summary>
    /// Graph's <c>synchronizationSecretKeyStringValuePair</c>s, <c>[{"key":"BaseAddress","value":"..."}]</c>. A key must be a
    /// <see cref="SynchronizationSecret"/> name (any case, never a number); the error names the key, never a value.
    /// </summary>
    public static bool TryReadSecrets(JsonNode? node, string property, out List<SynchronizationSecretKeyStringValuePair> pairs, out IResult? error)
    {
        pairs = [];
        error = null;
        if (node is not JsonArray array)
        {
            error = GraphError.BadRequest($"Property '{property}' must be an array of {{\"key\", \"value\"}} pairs.", "InvalidSecret");
            return false;
        }

        foreach (var item in array)
        {
            if (item is not JsonObject pair || GraphJson.Text(pair["key"]) is not { } key)
            {
                error = GraphError.BadRequest($"Each item of '{property}' must be an object with a string 'key' and a string 'value'.", "InvalidSecret");
                return false;
            }

            if (!TryParseSecretKey(key, out var secret))
            {
                error = GraphError.BadRequest(
                    $"The key '{key}' is not a synchronizationSecret. A SCIM job uses BaseAddress, SecretToken, SyncAll, SyncNotificationSettings and SkipOutOfScopeDeletions.",
                    "InvalidSecret");
                return false;
            }

            var value = pair["value"];
            if (value is not null && GraphJson.Text(value) is null)
            {
                error = GraphError.BadRequest($"The value of the secret '{secret}' must be a string.", "InvalidSecret");
                return false;
            }

            pairs.Add(new SynchronizationSecretKeyStringValuePair(secret, GraphJson.Text(value)));
        }

        return true;
    }

    /// <summary>The service principal, when it exists and is not deleted.</summary>
    public static async Task<bool> ServicePrincipalExistsAsync(IDirectoryStore directory, Guid id, CancellationToken cancellationToken) =>
        await directory.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Kind: DirectoryObjectKind.ServicePrincipal, IsSoftDeleted: false };

    public static IResult ServicePrincipalNotFound(Guid id) => GraphError.NotFound($"The service principal '{id}' does not exist.");

    public static IResult JobNotFound(Guid servicePrincipalId, string jobId) =>
        ToError(EngineError.NotFound($"The job '{jobId}' does not exist on the service principal '{servicePrincipalId}'."));

    private static bool TryParseSecretKey(string key, out SynchronizationSecret secret)
    {
        secret = default;
        foreach (var name in Enum.GetNames<SynchronizationSecret>())
        {
            if (name.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                secret = Enum.Parse<SynchronizationSecret>(name);
                return true;
            }
        }

        return false;
    }
}
