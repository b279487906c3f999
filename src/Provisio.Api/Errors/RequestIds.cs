using Microsoft.AspNetCore.Http;

namespace Provisio.Api.Errors;

/// <summary>Every response carries a <c>request-id</c> header, as Graph's do; error bodies repeat it.</summary>
public static class RequestIds
{
    private const string Key = "provisio.request-id";

    public static string Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[Key] is string id)
        {
            return id;
        }

        id = Guid.NewGuid().ToString();
        context.Items[Key] = id;
        return id;
    }

    public static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.Response.Headers["request-id"] = Get(context);
        if (context.Request.Headers["client-request-id"].FirstOrDefault() is { } client)
        {
            context.Response.Headers["client-request-id"] = client;
        }

        await next(context).ConfigureAwait(false);
    }
}
