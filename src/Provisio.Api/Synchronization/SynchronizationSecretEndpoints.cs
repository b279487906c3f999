using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisio.Api.Directory;
using Provisio.Synchronization;

namespace Provisio.Api.Synchronization;

/// <summary>
/// <c>PUT /servicePrincipals/{id}/synchronization/secrets</c> <c>{"value":[{"key","value"}]}</c> → 204 (reference
/// entra-engine-and-api §1.16, §6.10). Write-only: there is no GET, and no response carries a value; the engine protects
/// the values before they reach the store.
/// </summary>
public static class SynchronizationSecretEndpoints
{
    public static void MapSynchronizationSecrets(this IEndpointRouteBuilder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        version.MapPut("/servicePrincipals/{id:guid}/synchronization/secrets", PutAsync);
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
