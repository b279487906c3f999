using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Provisio.Scim.Server;

namespace Provisio.Host.Tests.Serve;

/// <summary>A job set up through a served host's Graph API as a script would: the SCIM application template, a job, its secrets (all users), an hourly schedule.</summary>
internal static class ServedJob
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<(string ServicePrincipal, string JobId)> ConfigureAsync(HttpClient api, ScimServer target, string targetToken, string displayName)
    {
        var instantiated = await PostJsonAsync(api, "/v1.0/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate", $$"""{"displayName":"{{displayName}}"}""");
        var sp = instantiated["servicePrincipal"]!["id"]!.GetValue<string>();
        var job = await PostJsonAsync(api, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs", """{"templateId":"scim"}""");
        var jobId = job["id"]!.GetValue<string>();
        var secrets = $$"""{"value":[{"key":"BaseAddress","value":"{{target.ScimAddress}}"},{"key":"SecretToken","value":"{{targetToken}}"},{"key":"SyncAll","value":"true"}]}""";
        (await api.PutAsync($"/v1.0/servicePrincipals/{sp}/synchronization/secrets", Content(secrets), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.PatchAsync($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}", Content("""{"schedule":{"interval":"PT1H"}}"""), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return (sp, jobId);
    }

    public static async Task<JsonNode> PostJsonAsync(HttpClient api, string path, string body)
    {
        var response = await api.PostAsync(path, Content(body), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonNode.Parse(text)!;
    }

    public static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// After a cycle a kill interrupted and another process resumed: the target holds exactly the directory's users, each
    /// once. A create the kill cut off may have reached the target without its answer reaching Provisio (logged 499): the
    /// resumed cycle matches that user instead of creating it again; a second create of a user would be a 409.
    /// </summary>
    public static void ShouldHoldExactlyOnce(ScimServer target, long expected)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.GetUsers().Count.ShouldBe((int)expected);
        target.GetUsers().Select(user => user["userName"]!.GetValue<string>()).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe((int)expected);
        var posts = target.Requests.Snapshot().Where(request => request.Method == "POST" && request.Path.Contains("/Users", StringComparison.Ordinal)).ToList();
        posts.Count(request => request.Status == 409).ShouldBe(0, "no user was created twice");
        posts.Count(request => request.Status == 201).ShouldBeInRange((int)expected - posts.Count(request => request.Status == 499), (int)expected);
    }
}
