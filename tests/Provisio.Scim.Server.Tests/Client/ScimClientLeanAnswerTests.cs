using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Provisio.Scim.Client;

namespace Provisio.Scim.Server.Tests.Client;

/// <summary>
/// The engine's lean calls (<see cref="ScimClient.CreateForIdAsync"/>, <see cref="ScimClient.PatchWithoutAnswerAsync"/>,
/// matching queries answered with no resources) read answers without building them as nodes; whatever a target answers,
/// they must succeed and fail exactly as the calls that parse the answer whole. A few lines of Kestrel answer each body.
/// </summary>
public sealed class ScimClientLeanAnswerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> Resources =>
    [
        """{"id":"a1","userName":"ana@contoso.com","name":{"givenName":"Ana"},"emails":[{"value":"ana@contoso.com","type":"work"}]}""",
        """{"ID":"a1"}""",
        """{"userName":"ana","id":"a\"1"}""",
        """{"id":123}""",
        """{"id":true}""",
        """{"id":""}""",
        """{"id":null}""",
        """{"id":{"value":"a1"}}""",
        """{"userName":"ana"}""",
        """{"id":"a1","userName":"x","UserName":"y"}""",
        """{"id":"a1","id":"a2"}""",
        """{"id":"a1","name":{"givenName":"A","GIVENNAME":"B"}}""",
        """{"id":"a1","emails":[{"value":"x"},{"value":"y","VALUE":"z"}]}""",
        """{"id":"a1","name":{"givenName":"A"},"givenName":"top level is another object"}""",
        """{"id":"a1"} trailing""",
        """{"id":"a1",}""",
        """{"id":"a1" /* comment */}""",
        """[{"id":"a1"}]""",
        "\"a1\"",
        "   ",
        """{"id":"a1","deep":""" + string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)) + "}",
        """{"id":"a1","deep":""" + string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60)) + "}",
    ];

    public static TheoryData<string> Lists =>
    [
        """{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[],"startIndex":1,"itemsPerPage":0}""",
        """{"totalResults":0}""",
        """{"TotalResults":"0","resources":null}""",
        """{"totalResults":1,"Resources":[{"id":"a1","userName":"ana"}]}""",
        """{"totalResults":2,"Resources":[{"id":"a1"},{"id":"a2"}]}""",
        """{"totalResults":0,"Resources":{}}""",
        """{"totalResults":0,"Resources":"none"}""",
        """{"totalResults":0,"Resources":[1]}""",
        """{"totalResults":1,"Resources":[{"userName":"no id"}]}""",
        """{"Resources":[]}""",
        """{"totalResults":"zero","Resources":[]}""",
        """{"totalResults":1.5,"Resources":[]}""",
        """{"totalResults":0,"totalresults":0}""",
        """{"totalResults":0,"Resources":[],"meta":{"a":1,"A":2}}""",
        """{"totalResults":0,"Resources":[]}x""",
    ];

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task CreateForId_AnyAnswer_SucceedsAndFailsAsTheWholeParse(string answer)
    {
        await using var target = await StartAsync(answer, StatusCodes.Status201Created);
        using var client = Client(target);

        var whole = await client.CreateAsync(ScimResourceType.User, "{}", Cancellation);
        var lean = await client.CreateForIdAsync(ScimResourceType.User, "{}", Cancellation);

        lean.Failure?.ToString().ShouldBe(whole.Failure?.ToString());
        var id = whole.Value?["id"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        lean.Value.ShouldBe(id);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task PatchWithoutAnswer_AnyAnswer_SucceedsAndFailsAsTheWholeParse(string answer)
    {
        await using var target = await StartAsync(answer, StatusCodes.Status200OK);
        using var client = Client(target);
        var body = ScimPatchWriter.Manager("m1", client.Dialect);

        var whole = await client.PatchAsync(ScimResourceType.User, "a1", body, Cancellation);
        var lean = await client.PatchWithoutAnswerAsync(ScimResourceType.User, "a1", body, Cancellation);

        lean.Failure?.ToString().ShouldBe(whole.Failure?.ToString());
        lean.Succeeded.ShouldBe(whole.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Query_AnyListAnswer_ReadsAsTheWholeParse(string answer)
    {
        await using var target = await StartAsync(answer, StatusCodes.Status200OK);
        using var client = Client(target);

        var found = await client.FindUserAsync("userName", "ana", Cancellation);
        var listed = await client.QueryAsync(ScimResourceType.User, null, null, null, null, Cancellation);

        var expected = Whole(answer);
        listed.Failure?.Message.ShouldBe(expected.Failure);
        if (expected.Failure is null)
        {
            (listed.Value!.TotalResults, listed.Value.StartIndex, listed.Value.ItemsPerPage, listed.Value.Resources.Count)
                .ShouldBe((expected.Total, expected.Start, expected.PerPage, expected.Count));
            found.Succeeded.ShouldBe(expected.Count <= 1);
            ScimJson.Text(found.Value?["id"]).ShouldBe(expected.Count == 1 ? "a1" : null);
        }
        else
        {
            found.Failure!.Message.ShouldBe(expected.Failure);
        }
    }

    /// <summary>What the client's whole reading of a ListResponse gives, written out here independently of it.</summary>
    private static (string? Failure, int Total, int Start, int PerPage, int Count) Whole(string answer)
    {
        JsonObject list;
        try
        {
            list = ScimJson.ParseObject(answer);
        }
        catch (System.Text.Json.JsonException exception)
        {
            return (ScimFailureClassifier.Incompatible(200, $"the body is not valid JSON ({exception.Message}).").Message, 0, 0, 0, 0);
        }

        var resources = list["Resources"];
        if (resources is not null and not JsonArray)
        {
            return (ScimFailureClassifier.Incompatible(200, "\"Resources\" is not an array.").Message, 0, 0, 0, 0);
        }

        var items = (resources as JsonArray)?.ToList() ?? [];
        if (items.Any(item => item is not JsonObject))
        {
            return (ScimFailureClassifier.Incompatible(200, "\"Resources\" holds something other than resources.").Message, 0, 0, 0, 0);
        }

        if (!int.TryParse(ScimJson.Text(list["totalResults"]), out var total))
        {
            return (ScimFailureClassifier.Incompatible(200, "the ListResponse has no \"totalResults\".").Message, 0, 0, 0, 0);
        }

        if (items.Any(item => string.IsNullOrEmpty(ScimJson.Text(item!["id"]))))
        {
            return (ScimFailureClassifier.Incompatible(200, "a returned resource has no \"id\".").Message, 0, 0, 0, 0);
        }

        var start = int.TryParse(ScimJson.Text(list["startIndex"]), out var given) ? given : 1;
        var perPage = int.TryParse(ScimJson.Text(list["itemsPerPage"]), out var page) ? page : items.Count;
        return (null, total, start, perPage, items.Count);
    }

    private static ScimClient Client(WebApplication target) => new(new ScimClientOptions
    {
        TenantUrl = new Uri(target.Urls.First() + "/scim/"),
        Credentials = new BearerTokenCredentials("token"),
    });

    private static async Task<WebApplication> StartAsync(string answer, int status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = ScimSchemas.MediaType;
            await context.Response.WriteAsync(answer, context.RequestAborted);
        });
        await app.StartAsync(Cancellation);
        return app;
    }
}
