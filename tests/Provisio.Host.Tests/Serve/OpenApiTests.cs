using System.Net;
using System.Text.Json.Nodes;
using Provisio.Host.Tests.Synchronization;

namespace Provisio.Host.Tests.Serve;

/// <summary>
/// The API's description (issue 8 §3): <c>/openapi/v1.json</c>, an OpenAPI 3.1 document of every mapped endpoint with
/// the bearer scheme, and Scalar's interactive reference at <c>/scalar</c>, both readable without a token.
/// </summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private ServedSynchronization _served = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _served = await ServedSynchronization.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task OpenApiDocument_AnonymousDescribesTheGraphEndpointsAndTheBearerScheme()
    {
        // Arrange
        using var anonymous = new HttpClient { BaseAddress = _served.Client.BaseAddress };

        // Act
        using var response = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancellation);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        document["openapi"]!.GetValue<string>().ShouldStartWith("3.1");
        document["info"]!["title"]!.GetValue<string>().ShouldBe("Provisio");
        var paths = document["paths"]!.AsObject().Select(path => path.Key).ToList();
        paths.ShouldContain("/v1.0/servicePrincipals/{id}/synchronization/jobs");
        paths.ShouldContain("/v1.0/servicePrincipals/{id}/synchronization/jobs/{jobId}/restart");
        paths.ShouldContain("/beta/auditLogs/provisioning");
        paths.ShouldContain("/v1.0/auditLogs/directoryAudits");
        paths.ShouldContain("/oauth2/v2.0/token");
        document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        document["security"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task OpenApiDocument_ValidatesWithMicrosoftOpenApi()
    {
        // Arrange
        using var anonymous = new HttpClient { BaseAddress = _served.Client.BaseAddress };
        await using var stream = await anonymous.GetStreamAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancellation);

        // Act: read back as an OpenAPI 3.1 document, with the library's validation rules
        var settings = new Microsoft.OpenApi.Reader.OpenApiReaderSettings { RuleSet = Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet() };
        var (document, diagnostic) = await Microsoft.OpenApi.OpenApiDocument.LoadAsync(stream, "json", settings, Cancellation);

        // Assert
        diagnostic!.Errors.ShouldBeEmpty(string.Join("; ", diagnostic.Errors.Select(error => $"{error.Pointer}: {error.Message}")));
        document!.Paths.Count.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task OpenApiDocument_EveryOperationHasASummaryResponsesAndExamples()
    {
        // Arrange
        using var anonymous = new HttpClient { BaseAddress = _served.Client.BaseAddress };

        // Act
        var document = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancellation))!;

        // Assert: every operation, in both versions, says what it does, answers something, and shows the body it takes
        var missing = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                if (string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()))
                {
                    missing.Add($"{name}: summary");
                }

                if (string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()))
                {
                    missing.Add($"{name}: description (no catalog entry)");
                }

                var responses = operation["responses"]?.AsObject() ?? [];
                if (!responses.Any(response => response.Key == "204" || response.Value!["content"] is JsonObject { Count: > 0 }))
                {
                    missing.Add($"{name}: a response with content or 204");
                }

                if (method is "post" or "put" or "patch"
                    && operation["requestBody"]?["content"]?.AsObject().Any(media => media.Value!["example"] is not null || media.Value["examples"] is JsonObject { Count: > 0 }) != true)
                {
                    missing.Add($"{name}: a request body with an example");
                }

                foreach (var status in new[] { "400", "401" })
                {
                    if (responses[status]?["content"]?["application/json"]?["example"]?["error"] is null)
                    {
                        missing.Add($"{name}: the {status} error example");
                    }
                }
            }
        }

        missing.ShouldBeEmpty(string.Join("; ", missing));
        var job = document["paths"]!["/beta/servicePrincipals/{id}/synchronization/jobs/{jobId}/provisionOnDemand"]!["post"]!;
        job["requestBody"]!["content"]!["application/json"]!["example"]!["parameters"]!.AsArray().ShouldNotBeEmpty();
        job["responses"]!["200"]!["content"]!["application/json"]!["example"]!["key"].ShouldNotBeNull();
        document["paths"]!["/v1.0/users/{key}"]!["get"]!["responses"]!["404"]!["content"]!["application/json"]!["example"]!["error"]!["innerError"]!["request-id"].ShouldNotBeNull();
    }

    [Fact]
    public async Task OpenApiExamples_JobAndLogEntry_HaveTheLiveAnswersProperties()
    {
        // Arrange: a job that ran a cycle, so it has a status and a log entry
        var (sp, jobId) = await _served.ConfigureAsync();
        await _served.CreateUserAsync("ann@contoso.com", "Ann");
        (await _served.SendAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        using var anonymous = new HttpClient { BaseAddress = _served.Client.BaseAddress };
        var document = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancellation))!;

        // Act
        var jobExample = Example(document, "/v1.0/servicePrincipals/{id}/synchronization/jobs/{jobId}");
        var liveJob = await _served.JobAsync(sp, jobId);
        var logExample = Example(document, "/v1.0/auditLogs/provisioning")["value"]![0]!;
        var liveLog = (await _served.GetAsync($"/v1.0/auditLogs/provisioning?$filter=jobId eq '{jobId}'&$top=1")).Json!["value"]![0]!;

        // Assert: the documented examples show the properties Provisio answers with, no more and no fewer
        Keys(jobExample).ShouldBe(Keys(liveJob), ignoreOrder: true);
        Keys(jobExample["status"]!).ShouldBe(Keys(liveJob["status"]!), ignoreOrder: true);
        Keys(logExample).ShouldBe(Keys(liveLog), ignoreOrder: true);
    }

    private static JsonNode Example(JsonNode document, string path) =>
        document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!;

    private static List<string> Keys(JsonNode node) => [.. node.AsObject().Select(property => property.Key).Where(key => !key.StartsWith('@'))];

    [Fact]
    public async Task Scalar_AnonymousServesTheReferencePage()
    {
        // Arrange
        using var anonymous = new HttpClient { BaseAddress = _served.Client.BaseAddress };

        // Act
        using var response = await anonymous.GetAsync(new Uri("/scalar/v1", UriKind.Relative), Cancellation);
        var page = await response.Content.ReadAsStringAsync(Cancellation);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        page.ShouldContain("<title>Provisio API</title>");
        (await anonymous.GetAsync(new Uri("/scalar/scalar.js", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
