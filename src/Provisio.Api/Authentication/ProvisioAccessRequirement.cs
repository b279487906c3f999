using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Provisio.Api.Authentication;

/// <summary>
/// The one rule, applied to every endpoint through the fallback policy (<see cref="ProvisioAuthentication"/>): an
/// <see cref="ProvisioRoles.Administrator"/> may do everything, a <see cref="ProvisioRoles.Reader"/> only what
/// <see cref="ReadOnlyRequests"/> lists.
/// </summary>
public sealed class ProvisioAccessRequirement : AuthorizationHandler<ProvisioAccessRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ProvisioAccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var request = (context.Resource as HttpContext)?.Request;
        if (context.User.IsInRole(ProvisioRoles.Administrator)
            || (context.User.IsInRole(ProvisioRoles.Reader) && request is not null && ReadOnlyRequests.IsReadOnly(request)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
