using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Provisio.Scim.Server.Faults;
using Provisio.Scim.Server.Http;

namespace Provisio.Scim.Server.Pipeline;

/// <summary>
/// The request-side fault profiles, in this order: <c>slow</c> (latency first, as a slow target is slow to fail
/// too), <c>timeout</c> (no answer until the client gives up), <c>invalid-credentials</c> (401), <c>throttle</c>
/// (429 with <c>Retry-After: 1</c>), <c>flaky</c> (500), <c>no-patch</c> (405). It also hands the request's profiles
/// to the handler and to <see cref="ScimResponse"/> for the response-side ones. Never on <c>/_faults</c> or <c>/_requests</c>.
/// </summary>
internal sealed class FaultInjectionFilter(ScimServerState state, IHostApplicationLifetime lifetime) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var faults = state.Faults.Current;
        FaultInjection.Set(http, faults);
        if (faults.IsEmpty)
        {
            return await next(context).ConfigureAwait(false);
        }

        if (faults.Latency is { } latency && !await WaitAsync(http, latency).ConfigureAwait(false))
        {
            return ScimResponse.Empty(StatusCodes.Status499ClientClosedRequest);
        }

        if (faults.Timeout)
        {
            Injected(FaultProfile.Timeout, http);
            await WaitAsync(http, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            return ScimResponse.Empty(StatusCodes.Status499ClientClosedRequest);
        }

        if (faults.InvalidCredentials)
        {
            Injected(FaultProfile.InvalidCredentials, http);
            return BearerTokenFilter.Unauthorized("The bearer token is not valid (fault profile invalid-credentials).");
        }

        if (faults.IsThrottled())
        {
            Injected(FaultProfile.Throttle, http);
            return new ScimResponse(StatusCodes.Status429TooManyRequests, new ScimErrorBody(429, null,
                $"Too many requests: every {faults.ThrottleEvery}th request is throttled (fault profile throttle). Retry after 1 second.").ToJson())
            {
                Headers = [new("Retry-After", "1")],
            };
        }

        if (faults.IsFlaky())
        {
            Injected(FaultProfile.Flaky, http);
            return ScimResponse.Error(StatusCodes.Status500InternalServerError, "Internal server error (fault profile flaky).");
        }

        if (faults.NoPatch && HttpMethods.IsPatch(http.Request.Method))
        {
            Injected(FaultProfile.NoPatch, http);
            return new ScimResponse(StatusCodes.Status405MethodNotAllowed, new ScimErrorBody(405, null,
                "PATCH is not supported by this service provider (fault profile no-patch).").ToJson())
            {
                Headers = [new("Allow", "GET, PUT, DELETE")],
            };
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Waits, unless the client gives up or the server stops first (then the connection is dropped unanswered).</summary>
    private async Task<bool> WaitAsync(HttpContext http, TimeSpan delay)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(delay, state.TimeProvider, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            if (!http.RequestAborted.IsCancellationRequested)
            {
                http.Abort(); // stopping: never answer, as the profile promises, and let shutdown proceed
            }

            return false;
        }
    }

    private void Injected(string profile, HttpContext http) =>
        state.Logger.FaultInjected(profile, http.Request.Method, http.Request.Path.Value ?? "/");
}
