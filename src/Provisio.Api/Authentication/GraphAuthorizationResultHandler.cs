using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Provisio.Api.Errors;

namespace Provisio.Api.Authentication;

/// <summary>
/// Answers refused requests as Graph does: 401 <c>InvalidAuthenticationToken</c> with <c>WWW-Authenticate: Bearer</c>
/// (RFC 6750 §3, <c>error="invalid_token"</c> when a token was sent) and 403 <c>Authorization_RequestDenied</c>.
/// </summary>
public sealed class GraphAuthorizationResultHandler(ILogger<GraphAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.AuthenticationSchemes.Contains(ProvisioAuthentication.Scheme))
        {
            // Not the Graph surface (the portal's pages): their own scheme answers (a redirect to the sign-in page).
            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Challenged)
        {
            var sent = context.Request.Headers.Authorization.Count > 0;
            // The authentication result is cached per request: this reads why the token failed, it does not validate again.
            var failure = sent ? (await context.AuthenticateAsync().ConfigureAwait(false)).Failure : null;
            var message = !sent ? "Access token is empty."
                : failure is SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException ? "Lifetime validation failed, the token is expired."
                : "Access token validation failure. Invalid audience or key.";
            context.Response.Headers.WWWAuthenticate = sent ? "Bearer error=\"invalid_token\"" : "Bearer";
            logger.RequestUnauthenticated(context.Request.Method, context.Request.Path, failure?.GetType().Name ?? (sent ? "NotAccepted" : "NoToken"));
            await GraphError.Unauthorized(message).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            logger.RequestForbidden(context.Request.Method, context.Request.Path, context.User.Identity?.Name ?? "");
            await GraphError.Create(StatusCodes.Status403Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
