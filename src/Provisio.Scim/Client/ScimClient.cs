using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Scim.Client;

/// <summary>
/// Talks to a SCIM target exactly as Entra does (reference B.2, entra-engine-and-api §1.17): the requests of the
/// catalogue with Entra's body shapes in either dialect, bearer or OAuth client-credentials authentication, a 60 s
/// timeout, 429 honoured with Retry-After, pooled connections. Every failure comes back classified
/// (<see cref="ScimFailure"/>), never as an exception; only cancellation by the caller throws.
/// </summary>
public sealed class ScimClient : IDisposable
{
    private static readonly MediaTypeHeaderValue ScimMediaType = new(ScimSchemas.MediaType) { CharSet = "utf-8" };

    private readonly ScimClientOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _timeProvider;
    private readonly AccessTokenSource _tokens;

    public ScimClient(ScimClientOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        (BaseAddress, Dialect) = ScimDialects.FromTenantUrl(options.TenantUrl, options.Dialect);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _timeProvider = timeProvider ?? TimeProvider.System;
        _tokens = new AccessTokenSource(options, _http, _timeProvider);
    }

    /// <summary>The tenant URL without Entra's flags, ending in '/'.</summary>
    public Uri BaseAddress { get; }

    public ScimDialect Dialect { get; }

    /// <summary>Called after every request with what was sent and what came back (never the Authorization header).</summary>
    public Action<ScimExchange>? Observer { get; set; }

    /// <summary>
    /// Fetches a new OAuth access token now, as a cycle does before its first request (reference §1.16: "at cycle start
    /// the service checks token validity and refreshes if needed"); null on success or for a secret token, else why
    /// the token endpoint refused (for a refresh token: authorize again).
    /// </summary>
    public async Task<ScimFailure?> RefreshAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (!_tokens.IsOAuth)
        {
            return null;
        }

        _tokens.Invalidate();
        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        return token.Failure;
    }

    /// <summary>
    /// Test Connection (R1): <c>GET Users?filter=userName eq "&lt;random GUID&gt;"</c>; the target must answer 200 with an
    /// empty ListResponse (reference entra-engine-and-api §1.15).
    /// </summary>
    public async Task<ScimResult<ScimListResponse>> TestConnectionAsync(string matchingAttribute, CancellationToken cancellationToken)
    {
        var probe = Guid.NewGuid().ToString();
        var result = await QueryAsync(ScimResourceType.User, Equality(matchingAttribute, probe), null, null, null,
            ScimOperation.TestConnection, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded && result.Value!.TotalResults != 0)
        {
            return ScimFailureClassifier.Incompatible(200,
                $"a query for a user that cannot exist ({matchingAttribute} eq \"{probe}\") returned {result.Value.TotalResults} results; the target ignores filters.");
        }

        return result;
    }

    /// <summary>Match a user (R3): the one resource whose attribute equals the value, null for none, a failure for several.</summary>
    public Task<ScimResult<JsonObject?>> FindUserAsync(string attribute, string value, CancellationToken cancellationToken) =>
        FindAsync(ScimResourceType.User, Equality(attribute, value), cancellationToken);

    /// <summary>
    /// Match by a filter already made with <see cref="Equality"/> (a caller that also logs it builds it once): a user as
    /// <see cref="FindUserAsync"/> does, a group as <see cref="FindGroupAsync"/> does.
    /// </summary>
    public Task<ScimResult<JsonObject?>> FindAsync(ScimResourceType type, string filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return type == ScimResourceType.Group ? FindGroupByFilterAsync(filter, cancellationToken) : FindUserByFilterAsync(filter, cancellationToken);
    }

    private async Task<ScimResult<JsonObject?>> FindUserByFilterAsync(string filter, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(ScimResourceType.User, filter, null, null, null, ScimOperation.Query, cancellationToken).ConfigureAwait(false);
        return Single(result, filter);
    }

    /// <summary>Match a group (R11): <c>GET Groups?excludedAttributes=members&amp;filter=displayName eq "x"</c>; members in the answer are an error, as in Entra.</summary>
    public Task<ScimResult<JsonObject?>> FindGroupAsync(string attribute, string value, CancellationToken cancellationToken) =>
        FindAsync(ScimResourceType.Group, Equality(attribute, value), cancellationToken);

    private async Task<ScimResult<JsonObject?>> FindGroupByFilterAsync(string filter, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(ScimResourceType.Group, filter, null, null, "members", ScimOperation.Query, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded && result.Value!.Resources.Any(group => group["members"] is JsonArray { Count: > 0 }))
        {
            return ScimFailureClassifier.MultipleEntries(result.Value.Resources.Sum(group => (group["members"] as JsonArray)?.Count ?? 0),
                $"Groups?excludedAttributes=members&filter={filter} (the group came back with its members)");
        }

        return Single(result, filter);
    }

    public Task<ScimResult<ScimListResponse>> QueryAsync(ScimResourceType type, string? filter, int? startIndex, int? count,
        string? excludedAttributes, CancellationToken cancellationToken) =>
        QueryAsync(type, filter, startIndex, count, excludedAttributes, ScimOperation.Query, cancellationToken);

    /// <summary>Read by id (R5, R12); groups are read without members as Entra does.</summary>
    public Task<ScimResult<JsonObject>> GetAsync(ScimResourceType type, string id, CancellationToken cancellationToken) =>
        GetAsync(type, id, excludeMembers: true, cancellationToken);

    /// <summary>Read by id; <paramref name="excludeMembers"/> false reads a group with its members.</summary>
    public async Task<ScimResult<JsonObject>> GetAsync(ScimResourceType type, string id, bool excludeMembers, CancellationToken cancellationToken)
    {
        var query = type == ScimResourceType.Group && excludeMembers ? "?excludedAttributes=members" : string.Empty;
        var response = await SendAsync(HttpMethod.Get, $"{type.Endpoint()}/{Uri.EscapeDataString(id)}{query}", null, ScimOperation.Get, cancellationToken).ConfigureAwait(false);
        return ReadResource(response);
    }

    /// <summary>Create (R4, R13): 201 with the resource and its <c>id</c>.</summary>
    public Task<ScimResult<JsonObject>> CreateAsync(ScimResourceType type, JsonObject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return CreateAsync(type, ScimJson.Serialize(resource), cancellationToken);
    }

    /// <summary>Create with the resource already written as its JSON text (as <see cref="ScimJson.Serialize"/> writes one).</summary>
    public async Task<ScimResult<JsonObject>> CreateAsync(ScimResourceType type, string resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var response = await SendAsync(HttpMethod.Post, type.Endpoint(), resource, ScimOperation.Create, cancellationToken).ConfigureAwait(false);
        var result = ReadResource(response);
        if (result.Succeeded && string.IsNullOrEmpty(ScimJson.Text(result.Value!["id"])))
        {
            return ScimFailureClassifier.Incompatible(response.Status, "the created resource has no \"id\"; every resource must have one.");
        }

        return result;
    }

    /// <summary>
    /// Create, keeping only the new resource's id: the answer is checked as <see cref="CreateAsync(ScimResourceType, string, CancellationToken)"/>
    /// checks it, without building it as nodes. The id is null when the target gave one that is not a JSON string.
    /// </summary>
    public async Task<ScimResult<string?>> CreateForIdAsync(ScimResourceType type, string resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var response = await SendAsync(HttpMethod.Post, type.Endpoint(), resource, ScimOperation.Create, cancellationToken, lean: true).ConfigureAwait(false);
        if (response.Failure is null && response.Facts is { IdIsString: true, Id.Length: > 0 } facts)
        {
            return ScimResult<string?>.Success(facts.Id);
        }

        var result = ReadResource(Whole(response));
        if (!result.Succeeded)
        {
            return result.Failure;
        }

        if (string.IsNullOrEmpty(ScimJson.Text(result.Value!["id"])))
        {
            return ScimFailureClassifier.Incompatible(response.Status, "the created resource has no \"id\"; every resource must have one.");
        }

        return ScimResult<string?>.Success(result.Value!["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null);
    }

    /// <summary>Update attributes (R6) with one PATCH in this client's dialect; the resource when the target returned it.</summary>
    public Task<ScimResult<JsonObject?>> UpdateAsync(ScimResourceType type, string id, IReadOnlyList<ScimChange> changes, CancellationToken cancellationToken) =>
        PatchAsync(type, id, ScimPatchWriter.Write(changes, Dialect), cancellationToken);

    /// <summary>Disable (R8) or enable (R9).</summary>
    public Task<ScimResult<JsonObject?>> SetActiveAsync(string id, bool active, CancellationToken cancellationToken) =>
        PatchAsync(ScimResourceType.User, id, ScimPatchWriter.Active(active, Dialect), cancellationToken);

    /// <summary>Set (R7) or clear the manager, given the manager's id in the target.</summary>
    public Task<ScimResult<JsonObject?>> SetManagerAsync(string id, string? managerId, CancellationToken cancellationToken) =>
        PatchAsync(ScimResourceType.User, id, ScimPatchWriter.Manager(managerId, Dialect), cancellationToken);

    public Task<ScimResult<JsonObject?>> AddMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken) =>
        PatchAsync(ScimResourceType.Group, groupId, ScimPatchWriter.AddMembers(memberIds, Dialect), cancellationToken);

    public Task<ScimResult<JsonObject?>> RemoveMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken) =>
        PatchAsync(ScimResourceType.Group, groupId, ScimPatchWriter.RemoveMembers(memberIds, Dialect), cancellationToken);

    /// <summary>Sends a PatchOp body as it is.</summary>
    public async Task<ScimResult<JsonObject?>> PatchAsync(ScimResourceType type, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Patch, $"{type.Endpoint()}/{Uri.EscapeDataString(id)}", ScimJson.Serialize(body), ScimOperation.Update, cancellationToken).ConfigureAwait(false);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        if (response.Json is null)
        {
            return ScimResult<JsonObject?>.Success(null);
        }

        return response.Json is JsonObject resource
            ? ScimResult<JsonObject?>.Success(resource)
            : ScimFailureClassifier.Incompatible(response.Status, "the PATCH answer is not a JSON object.");
    }

    /// <summary>
    /// Sends a PatchOp body as it is, and checks the answer as <see cref="PatchAsync"/> does (none, or a JSON object)
    /// without keeping it: for callers that need only whether the target took it.
    /// </summary>
    public async Task<ScimResult<bool>> PatchWithoutAnswerAsync(ScimResourceType type, string id, JsonObject body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Patch, $"{type.Endpoint()}/{Uri.EscapeDataString(id)}", ScimJson.Serialize(body), ScimOperation.Update, cancellationToken, lean: true)
            .ConfigureAwait(false);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        return response.Facts is not null || response.Json is null or JsonObject
            ? ScimResult<bool>.Success(true)
            : ScimFailureClassifier.Incompatible(response.Status, "the PATCH answer is not a JSON object.");
    }

    /// <summary>Delete (R10, R17): 204.</summary>
    public async Task<ScimResult<bool>> DeleteAsync(ScimResourceType type, string id, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Delete, $"{type.Endpoint()}/{Uri.EscapeDataString(id)}", null, ScimOperation.Delete, cancellationToken).ConfigureAwait(false);
        return response.Failure is { } failure ? failure : ScimResult<bool>.Success(true);
    }

    /// <summary>A discovery document: <c>ServiceProviderConfig</c>, <c>Schemas</c> or <c>ResourceTypes</c> (R2).</summary>
    public async Task<ScimResult<JsonObject>> GetDiscoveryAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, path, null, ScimOperation.Discovery, cancellationToken).ConfigureAwait(false);
        return ReadResource(response, requireId: false);
    }

    /// <summary>A filter <c>attribute eq "value"</c> with the value JSON-escaped.</summary>
    public static string Equality(string attribute, string value) => $"{attribute} eq {JsonSerializer.Serialize(value)}";

    private async Task<ScimResult<ScimListResponse>> QueryAsync(ScimResourceType type, string? filter, int? startIndex, int? count,
        string? excludedAttributes, ScimOperation operation, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (excludedAttributes is not null)
        {
            query.Add("excludedAttributes=" + Uri.EscapeDataString(excludedAttributes));
        }

        if (filter is not null)
        {
            query.Add("filter=" + Uri.EscapeDataString(filter));
        }

        if (startIndex is { } start)
        {
            query.Add($"startIndex={start}");
        }

        if (count is { } size)
        {
            query.Add($"count={size}");
        }

        var path = type.Endpoint() + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        var response = await SendAsync(HttpMethod.Get, path, null, operation, cancellationToken, lean: true).ConfigureAwait(false);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        if (response.Facts is { HasResources: false } facts)
        {
            // No resources (a matching query for an object not in the target yet): read as ReadList reads it, without nodes.
            if (!int.TryParse(facts.TotalResults, out var total))
            {
                return ScimFailureClassifier.Incompatible(response.Status, "the ListResponse has no \"totalResults\".");
            }

            var first = int.TryParse(facts.StartIndex, out var given) ? given : 1;
            var perPage = int.TryParse(facts.ItemsPerPage, out var page) ? page : 0;
            return ScimResult<ScimListResponse>.Success(new ScimListResponse(total, first, perPage, []));
        }

        return ReadList(Whole(response));
    }

    /// <summary>An answer read only for its facts, parsed whole (it parses: the facts were read only from JSON a full parse accepts).</summary>
    private static Response Whole(Response response) =>
        response.Facts is null ? response : response with { Json = ScimJson.Parse(response.Text!), Facts = null };

    private static ScimResult<ScimListResponse> ReadList(Response response)
    {
        if (response.Json is not JsonObject list)
        {
            return ScimFailureClassifier.Incompatible(response.Status, "a query must be answered with a ListResponse object.");
        }

        var resources = list["Resources"];
        if (resources is not null and not JsonArray)
        {
            return ScimFailureClassifier.Incompatible(response.Status, "\"Resources\" is not an array.");
        }

        var items = (resources as JsonArray)?.ToList() ?? [];
        if (items.Any(item => item is not JsonObject))
        {
            return ScimFailureClassifier.Incompatible(response.Status, "\"Resources\" holds something other than resources.");
        }

        if (!int.TryParse(ScimJson.Text(list["totalResults"]), out var total))
        {
            return ScimFailureClassifier.Incompatible(response.Status, "the ListResponse has no \"totalResults\".");
        }

        var objects = items.Cast<JsonObject>().ToList();
        if (objects.FirstOrDefault(item => string.IsNullOrEmpty(ScimJson.Text(item["id"]))) is not null)
        {
            return ScimFailureClassifier.Incompatible(response.Status, "a returned resource has no \"id\".");
        }

        var startIndex = int.TryParse(ScimJson.Text(list["startIndex"]), out var start) ? start : 1;
        var perPage = int.TryParse(ScimJson.Text(list["itemsPerPage"]), out var page) ? page : objects.Count;
        return ScimResult<ScimListResponse>.Success(new ScimListResponse(total, startIndex, perPage, objects));
    }

    private static ScimResult<JsonObject?> Single(ScimResult<ScimListResponse> result, string filter)
    {
        if (!result.Succeeded)
        {
            return result.Failure;
        }

        return result.Value!.Resources.Count switch
        {
            0 => ScimResult<JsonObject?>.Success(null),
            1 => ScimResult<JsonObject?>.Success(result.Value.Resources[0]),
            var count => ScimFailureClassifier.MultipleEntries(count, filter),
        };
    }

    private static ScimResult<JsonObject> ReadResource(Response response, bool requireId = true)
    {
        if (response.Failure is { } failure)
        {
            return failure;
        }

        if (response.Json is not JsonObject resource)
        {
            return ScimFailureClassifier.Incompatible(response.Status, "the answer is not a JSON object.");
        }

        if (requireId && string.IsNullOrEmpty(ScimJson.Text(resource["id"])))
        {
            return ScimFailureClassifier.Incompatible(response.Status, "the resource has no \"id\".");
        }

        return ScimResult<JsonObject>.Success(resource);
    }

    /// <param name="lean">
    /// A successful JSON answer is read for its <see cref="ScimAnswerFacts"/> only, when they can be read (the caller
    /// parses it whole with <see cref="Whole"/> if it needs more); otherwise it is parsed as always.
    /// </param>
    private async Task<Response> SendAsync(HttpMethod method, string relative, string? requestBody, ScimOperation operation,
        CancellationToken cancellationToken, bool lean = false)
    {
        var url = new Uri(BaseAddress, relative);
        for (var attempt = 0; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await SendOnceAsync(method, url, requestBody, operation, lean, cancellationToken).ConfigureAwait(false);
            Observer?.Invoke(new ScimExchange(method.Method, url, requestBody, response.Status == 0 ? null : response.Status,
                response.ContentType, response.Text, Stopwatch.GetElapsedTime(started), response.Failure));
            if (response.Failure is { Code: ScimErrorCodes.TooManyRequests } throttled && attempt < _options.ThrottleRetries)
            {
                var wait = throttled.RetryAfter ?? _options.DefaultRetryAfter;
                if (wait <= _options.MaximumRetryAfter)
                {
                    await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            if (response.Failure is { Code: ScimErrorCodes.CredentialsInvalid } && _tokens.IsOAuth)
            {
                _tokens.Invalidate();
            }

            return response;
        }
    }

    private async Task<Response> SendOnceAsync(HttpMethod method, Uri url, string? body, ScimOperation operation, bool lean, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!token.Succeeded)
        {
            return new Response(0, null, null, null, token.Failure);
        }

        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimSchemas.MediaType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = ScimMediaType;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode)
            {
                var retryAfter = RetryAfter(response);
                var failure = ScimFailureClassifier.Classify(operation, response.StatusCode, ScimErrorBody.TryRead(text, status), retryAfter);
                return new Response(status, contentType, text, null, failure);
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                return new Response(status, contentType, text, null, null);
            }

            if (contentType is not (ScimSchemas.MediaType or "application/json"))
            {
                return new Response(status, contentType, text, null, ScimFailureClassifier.BadResponse(status,
                    $"the content type is \"{contentType ?? "(none)"}\" where application/scim+json is required."));
            }

            if (lean && ScimAnswerFacts.TryRead(text, out var facts))
            {
                return new Response(status, contentType, text, null, null) { Facts = facts };
            }

            try
            {
                return new Response(status, contentType, text, ScimJson.Parse(text), null);
            }
            catch (JsonException exception)
            {
                return new Response(status, contentType, text, null, ScimFailureClassifier.Incompatible(status, $"the body is not valid JSON ({exception.Message})."));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Response(0, null, null, null, ScimFailureClassifier.Classify(new TimeoutException(), timedOut: true));
        }
        catch (HttpRequestException exception)
        {
            return new Response(0, null, null, null, ScimFailureClassifier.Classify(exception, timedOut: false));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date ? (date - _timeProvider.GetUtcNow()) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero : null;
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private sealed record Response(int Status, string? ContentType, string? Text, JsonNode? Json, ScimFailure? Failure)
    {
        /// <summary>A lean read's facts of a JSON object answer (then <see cref="Json"/> is null until <see cref="Whole"/>).</summary>
        public ScimAnswerFacts? Facts { get; init; }
    }
}
