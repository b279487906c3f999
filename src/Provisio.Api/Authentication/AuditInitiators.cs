using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Synchronization.Audit;

namespace Provisio.Api.Authentication;

/// <summary>
/// Names the caller in the audit records a request causes (<see cref="AuditInitiatorScope"/>): an API client (or a
/// portal session signed in as one) as Graph's <c>initiatedBy.app</c> with its client id and name, an administrator key as
/// <c>initiatedBy.user</c> "Administrator" with the caller's address. Runs after authorization, for the API and the portal.
/// </summary>
public static class AuditInitiators
{
    public static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await OfAsync(context).ConfigureAwait(false) is not { } initiator)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        using (AuditInitiatorScope.Use(initiator))
        {
            await next(context).ConfigureAwait(false);
        }
    }

    /// <summary>The signed-in caller as an audit initiator; null for an anonymous request.</summary>
    public static async ValueTask<AuditActivityInitiator?> OfAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true || context.User.FindFirst("appid")?.Value is not { Length: > 0 } clientId)
        {
            return null;
        }

        if (clientId == AdminKeyAuthenticationHandler.ClientId)
        {
            return new AuditActivityInitiator { User = new UserIdentity { DisplayName = "Administrator", IpAddress = context.Connection.RemoteIpAddress?.ToString() } };
        }

        var name = context.User.FindFirst("name")?.Value
            ?? (await context.RequestServices.GetRequiredService<ApiClientRegistry>().FindAsync(clientId, context.RequestAborted).ConfigureAwait(false))?.DisplayName;
        return new AuditActivityInitiator { App = new AppIdentity { AppId = clientId, DisplayName = name ?? clientId } };
    }
}
