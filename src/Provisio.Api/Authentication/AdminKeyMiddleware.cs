using Microsoft.AspNetCore.Http;
using Provisio.Api.Errors;

namespace Provisio.Api.Authentication;

/// <summary>Everything but the health endpoints needs <c>Authorization: Bearer &lt;admin key&gt;</c>; otherwise 401 with Graph's error body.</summary>
public sealed class AdminKeyMiddleware(RequestDelegate next, AdminKeys keys)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await GraphError.Unauthorized("Access token is empty.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!keys.Accepts(header["Bearer ".Length..].Trim()))
        {
            await GraphError.Unauthorized("Access token validation failure. Invalid audience or key.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
