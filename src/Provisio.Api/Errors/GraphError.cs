using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Provisio.Api.Errors;

/// <summary>
/// Graph's error body, <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>, from one
/// place (STYLE.md §5): Microsoft Graph clients read it as they read Graph's own.
/// </summary>
public static class GraphError
{
    public static IResult BadRequest(string message, string code = "Request_BadRequest") => Create(StatusCodes.Status400BadRequest, code, message);

    public static IResult NotFound(string message) => Create(StatusCodes.Status404NotFound, "Request_ResourceNotFound", message);

    public static IResult Conflict(string message) => Create(StatusCodes.Status409Conflict, "Request_MultipleObjectsWithSameKeyValue", message);

    public static IResult Unauthorized(string message) => Create(StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", message);

    public static IResult Create(int status, string code, string message) => new GraphErrorResult(status, code, message);

    // Messages as written ('x', not \u0027x\u0027), as Graph's own error bodies are.
    private static readonly System.Text.Json.JsonSerializerOptions BodyJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the body; <c>request-id</c> and <c>client-request-id</c> come from the request.</summary>
    public sealed class GraphErrorResult(int status, string code, string message) : IResult, IStatusCodeHttpResult
    {
        public int StatusCode => status;

        int? IStatusCodeHttpResult.StatusCode => status;

        public string Code => code;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var requestId = RequestIds.Get(httpContext);
            var body = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["code"] = code,
                    ["message"] = message,
                    ["innerError"] = new JsonObject
                    {
                        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                        ["request-id"] = requestId,
                        ["client-request-id"] = httpContext.Request.Headers["client-request-id"].FirstOrDefault() ?? requestId,
                    },
                },
            };
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            await httpContext.Response.WriteAsync(body.ToJsonString(BodyJson), httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
