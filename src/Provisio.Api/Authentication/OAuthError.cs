using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Provisio.Api.Errors;

namespace Provisio.Api.Authentication;

/// <summary>
/// A token endpoint error as RFC 6749 §5.2 has it, in Entra's body: <c>{"error","error_description","error_codes",
/// "timestamp","trace_id","correlation_id"}</c>, the description starting with Entra's <c>AADSTS</c> code.
/// </summary>
public sealed class OAuthError(int status, string error, int entraCode, string description) : IResult, IStatusCodeHttpResult
{
    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public string Error => error;

    /// <summary>RFC 6749 §5.2: the client did not authenticate (an unknown client or a wrong secret); 401.</summary>
    public static OAuthError InvalidClient(int entraCode, string description) => new(StatusCodes.Status401Unauthorized, "invalid_client", entraCode, description);

    public static OAuthError InvalidRequest(int entraCode, string description) => new(StatusCodes.Status400BadRequest, "invalid_request", entraCode, description);

    public static OAuthError UnsupportedGrantType(string grantType) => new(StatusCodes.Status400BadRequest, "unsupported_grant_type", 70003,
        $"The app requested an unsupported grant type '{grantType}'; this token endpoint issues client_credentials tokens only.");

    public static OAuthError InvalidScope(string scope, string audience) => new(StatusCodes.Status400BadRequest, "invalid_scope", 1002012,
        $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier: {audience}/.default.");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var requestId = RequestIds.Get(httpContext);
        var time = httpContext.RequestServices.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{entraCode}: {description}",
            ["error_codes"] = new JsonArray(entraCode),
            ["timestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["trace_id"] = requestId,
            ["correlation_id"] = httpContext.Request.Headers["client-request-id"].FirstOrDefault() ?? requestId,
        };
        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.Headers.Pragma = "no-cache";
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await httpContext.Response.WriteAsync(body.ToJsonString(), httpContext.RequestAborted).ConfigureAwait(false);
    }
}
