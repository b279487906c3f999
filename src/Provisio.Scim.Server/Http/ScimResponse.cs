using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Provisio.Scim.Server.Faults;

namespace Provisio.Scim.Server.Http;

/// <summary>
/// Every answer of the SCIM endpoints: a status, an optional JSON body sent as <c>application/scim+json</c>
/// (RFC 7644 §3.1), and the <c>ETag</c>, <c>Location</c> or other headers it needs. The response-side fault profiles
/// act here: <c>wrong-content-type</c> labels the body <c>text/html</c>, <c>bad-json</c> cuts a 2xx body so it no
/// longer parses.
/// </summary>
internal sealed record ScimResponse(int StatusCode, JsonNode? Body) : IResult, IStatusCodeHttpResult
{
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string? ETag { get; init; }

    public string? Location { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static ScimResponse Json(int statusCode, JsonNode body) => new(statusCode, body);

    public static ScimResponse Empty(int statusCode) => new(statusCode, null);

    public static ScimResponse Error(int statusCode, string detail, string? scimType = null) =>
        new(statusCode, new ScimErrorBody(statusCode, scimType, detail).ToJson());

    public static ScimResponse Error(ScimErrorBody error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ScimResponse(error.Status, error.ToJson());
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var faults = FaultInjection.Of(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (Body is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(ScimJson.Serialize(Body));
        if (faults.BadJson && StatusCode is >= 200 and < 300)
        {
            bytes = bytes[..Math.Max(1, bytes.Length / 2)]; // bad-json: a 2xx body that is not JSON
        }

        response.ContentType = faults.WrongContentType ? "text/html" : ScimSchemas.MediaType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
