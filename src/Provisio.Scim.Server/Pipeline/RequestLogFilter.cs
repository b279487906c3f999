using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Provisio.Scim.Server.Http;

namespace Provisio.Scim.Server.Pipeline;

/// <summary>
/// Records each SCIM request in the <see cref="Requests.ScimRequestLog"/> with its final status, just before the
/// answer starts (so a client that has its answer always finds it logged), or as 499 when the client gave up first.
/// </summary>
internal sealed class RequestLogFilter(ScimServerState state) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var request = http.Request;
        var timestamp = state.TimeProvider.GetUtcNow();
        string? body = null;
        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        {
            body = await ScimRequestBody.ReadTextAsync(http, http.RequestAborted).ConfigureAwait(false);
        }

        var entry = new Entry(state, timestamp, request.Method, request.GetEncodedPathAndQuery(), body);
        http.Response.OnStarting(() =>
        {
            entry.Record(http.Response.StatusCode);
            return Task.CompletedTask;
        });
        var result = await next(context).ConfigureAwait(false);
        if (http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            entry.Record(StatusCodes.Status499ClientClosedRequest);
        }

        return result;
    }

    private sealed class Entry(ScimServerState state, DateTimeOffset timestamp, string method, string path, string? body)
    {
        private int _recorded;

        public void Record(int status)
        {
            if (Interlocked.Exchange(ref _recorded, 1) == 0)
            {
                state.Requests.Add(timestamp, method, path, status, body);
            }
        }
    }
}
