using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Directory;
using Provisio.Synchronization;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>PUT /servicePrincipals/{id}/synchronization/secrets</c> <c>{"value":[{"key","value"}]}</c> → 204, a full replace
/// (reference entra-engine-and-api §1.16, §6.1, §6.10); <c>GET</c> lists the saved keys with credentials masked as
/// <c>********</c>, and a masked value PUT back keeps the saved one (S8's GET-add-PUT script). No response carries a
/// credential; the engine protects the values before they reach the store. <c>POST .../synchronization/acquireAccessToken</c>
/// <c>{"credentials":[{"key":"Oauth2AuthorizationCode",...},{"key":"Oauth2RedirectUri",...}]}</c> → 204 exchanges an
/// OAuth authorization code at the saved token endpoint and saves the refresh token (reference §6 G-acquireAccessToken);
/// Provisio's own <c>"codeVerifier"</c> carries the PKCE verifier when the authorization request had a challenge.
/// </summary>
public static class SynchronizationSecretEndpoints
{
    public static void MapSynchronizationSecrets(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapPut("/servicePrincipals/{id:guid}/synchronization/secrets", PutAsync);
        version.MapGet("/servicePrincipals/{id:guid}/synchronization/secrets", GetAsync);
        version.MapPost("/servicePrincipals/{id:guid}/synchronization/acquireAccessToken", AcquireAccessTokenAsync);
    }

    private static async Task<IResult> AcquireAccessTokenAsync(Guid id, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not System.Text.Json.Nodes.JsonObject json)
        {
            return GraphJson.UnreadableBody;
        }

        if (!SynchronizationHttp.TryReadSecrets(json["credentials"], "credentials", out var pairs, out var error))
        {
            return error!;
        }

        var verifier = json["codeVerifier"] is { } node ? GraphJson.Text(node) : null;
        var acquired = await engine.AcquireAccessTokenAsync(id, pairs, verifier, cancellationToken).ConfigureAwait(false);
        return acquired.Succeeded ? Results.NoContent() : SynchronizationHttp.ToError(acquired.Error!);
    }

    private static async Task<IResult> GetAsync(Guid id, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var secrets = await engine.GetSecretsAsync(id, cancellationToken).ConfigureAwait(false);
        return secrets.Succeeded
            ? Results.Json(new { value = secrets.Value!.Select(pair => new { key = pair.Key.ToString(), value = pair.Value }) })
            : SynchronizationHttp.ToError(secrets.Error!);
    }

    private static async Task<IResult> PutAsync(Guid id, HttpRequest request, SynchronizationEngine engine, CancellationToken cancellationToken)
    {
        var (body, readable) = await SynchronizationHttp.ReadOptionalBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!readable || body is not System.Text.Json.Nodes.JsonObject json)
        {
            return GraphJson.UnreadableBody;
        }

        if (!SynchronizationHttp.TryReadSecrets(json["value"], "value", out var pairs, out var error))
        {
            return error!;
        }

        var saved = await engine.PutSecretsAsync(id, pairs, cancellationToken).ConfigureAwait(false);
        return saved.Succeeded ? Results.NoContent() : SynchronizationHttp.ToError(saved.Error!);
    }
}
