using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Provisio.Api.OpenApi;

/// <summary>
/// Fills each operation of the generated document from <see cref="GraphOperationCatalog"/> (the handlers read and write
/// JSON themselves, so the generator sees neither bodies nor responses): summary and description, the request body with
/// an example, the success response with an example, and Graph's error responses. Keyed by method and route pattern
/// without the <c>/v1.0</c> or <c>/beta</c> prefix, so both versions get the same; an endpoint the catalog does not know
/// still gets a summary and the Graph error responses.
/// </summary>
internal static partial class GraphOperationTransformer
{
    /// <summary>Graph's error responses, which every Graph endpoint may answer.</summary>
    public static readonly IReadOnlyList<(string Status, string Description, string Body)> Errors =
    [
        ("400", "Bad request: a malformed body, an unknown property or an invalid query option.", GraphError("Request_BadRequest", "Invalid value specified for property 'displayName' of resource 'User'.")),
        ("401", "No token, or the admin key or access token is not valid.", GraphError("InvalidAuthenticationToken", "Access token is empty.")),
        ("403", "The caller's role does not allow this request.", GraphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation.")),
        ("404", "The resource (or one on its path) does not exist.", GraphError("Request_ResourceNotFound", "Resource '5c1ee2cb-6d1a-4d0e-9a4e-6c0b8f7f3d21' does not exist or one of its queried reference-property objects are not present.")),
    ];

    /// <summary>The catalog key of an API description: <c>"POST servicePrincipals/{id}/synchronization/jobs"</c>.</summary>
    public static string Key(string method, string? relativePath)
    {
        var path = RouteConstraint().Replace(relativePath ?? string.Empty, "}").Trim('/');
        foreach (var prefix in new[] { "v1.0/", "beta/" })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                path = path[prefix.Length..];
                break;
            }
        }

        return $"{method.ToUpperInvariant()} {path}";
    }

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var method = context.Description.HttpMethod ?? "GET";
        var key = Key(method, context.Description.RelativePath);
        var entry = GraphOperationCatalog.Find(key);
        var anonymous = key.EndsWith("oauth2/v2.0/token", StringComparison.Ordinal) || key is "GET healthz" or "GET readyz";

        operation.Summary = entry?.Summary ?? operation.Summary ?? key;
        if (entry is not null)
        {
            operation.Description = entry.Description;
        }

        if (entry?.Request is { } request)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = entry.RequestRequired,
                Description = entry.RequestDescription,
                Content = new Dictionary<string, OpenApiMediaType> { [entry.RequestMediaType] = Media(request) },
            };
        }

        operation.Responses ??= [];
        operation.Responses.Clear();
        var success = entry?.Status ?? (method == "POST" ? "201" : method is "DELETE" or "PATCH" or "PUT" ? "204" : "200");
        operation.Responses[success] = new OpenApiResponse
        {
            Description = entry?.ResponseDescription ?? (success == "204" ? "No content." : "Success."),
            Content = success == "204" ? null : new Dictionary<string, OpenApiMediaType>
            {
                [entry?.ResponseMediaType ?? "application/json"] = Media(entry?.Response),
            },
        };
        foreach (var (status, description, body) in entry?.Errors ?? Errors)
        {
            if (anonymous && status == "403")
            {
                continue;
            }

            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = Media(body) },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>Graph's error body as Provisio writes it.</summary>
    public static string GraphError(string code, string message) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = "2026-12-01T09:30:00",
                ["request-id"] = "0b7d2c61-1f0e-4c3a-9a51-3d6f8f1e2b44",
                ["client-request-id"] = "0b7d2c61-1f0e-4c3a-9a51-3d6f8f1e2b44",
            },
        },
    }.ToJsonString();

    private static OpenApiMediaType Media(string? example)
    {
        if (example is null)
        {
            return new OpenApiMediaType();
        }

        if (example == "{}")
        {
            // The writer leaves an empty object out of "example"; a named example keeps it, with a word on why.
            return new OpenApiMediaType
            {
                Examples = new Dictionary<string, IOpenApiExample>
                {
                    ["noBody"] = new OpenApiExample { Summary = "The action takes no body; an empty one is accepted.", Value = new JsonObject() },
                },
            };
        }

        var node = example.TrimStart().StartsWith('{') || example.TrimStart().StartsWith('[') ? JsonNode.Parse(example) : JsonValue.Create(example);
        return new OpenApiMediaType { Example = node };
    }

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex RouteConstraint();
}
