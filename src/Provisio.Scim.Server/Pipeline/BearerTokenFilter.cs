using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Provisio.Scim.Server.Http;

namespace Provisio.Scim.Server.Pipeline;

/// <summary>
/// Every request carries <c>Authorization: Bearer TOKEN</c> (reference B.1.1); a missing or wrong token is 401 with
/// a SCIM error and <c>WWW-Authenticate: Bearer</c> (RFC 6750 §3). Compared in constant time; never logged. With the
/// OAuth mode, an unexpired access token the server issued is accepted too, unless <c>oauth-revoked</c> is in force.
/// </summary>
internal sealed class BearerTokenFilter(ScimServerState state) : IEndpointFilter
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(state.Options.Token);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var header = request.Headers.Authorization.ToString();
        if (!IsAuthorized(header) && !IsIssued(header))
        {
            state.Logger.Unauthorized(request.Method, request.Path.Value ?? "/");
            return Unauthorized("The bearer token is missing or wrong; send Authorization: Bearer TOKEN.");
        }

        return await next(context).ConfigureAwait(false);
    }

    public static ScimResponse Unauthorized(string detail) =>
        new(StatusCodes.Status401Unauthorized, new ScimErrorBody(StatusCodes.Status401Unauthorized, null, detail).ToJson())
        {
            Headers = [new("WWW-Authenticate", "Bearer")],
        };

    private bool IsIssued(string header) =>
        state.OAuth is { } authority && !state.Faults.Current.OAuthRevoked
        && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authority.IsLiveAccessToken(header["Bearer ".Length..].Trim());

    private bool IsAuthorized(string header)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token);
    }
}
