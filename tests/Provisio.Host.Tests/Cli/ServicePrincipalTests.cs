using System.Net;

namespace Provisio.Host.Tests.Cli;

/// <summary><c>/v1.0/servicePrincipals</c> (POST, PATCH, list) and <c>/v1.0/applicationTemplates</c> through <c>provisio serve</c>.</summary>
public sealed class ServicePrincipalTests : IAsyncLifetime
{
    private const string AppId = "6d2a1c3b-0000-4000-8000-00000000a001";
    private ServedDirectory _directory = null!;

    public async ValueTask InitializeAsync() => _directory = await ServedDirectory.StartAsync();

    public async ValueTask DisposeAsync() => await _directory.DisposeAsync();

    [Fact]
    public async Task Post_AppIdAndDisplayName_201WithGraphDefaults()
    {
        var (status, created) = await _directory.SendAsync(HttpMethod.Post, "/v1.0/servicePrincipals", $$"""{"APPID":"{{AppId.ToUpperInvariant()}}","displayName":"HR app"}""");

        status.ShouldBe(HttpStatusCode.Created);
        created!["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#servicePrincipals/$entity");
        created["appId"]!.GetValue<string>().ShouldBe(AppId);
        created["displayName"]!.GetValue<string>().ShouldBe("HR app");
        created["servicePrincipalType"]!.GetValue<string>().ShouldBe("Application");
        created["accountEnabled"]!.GetValue<bool>().ShouldBeTrue();
        var (_, read) = await _directory.GetAsync($"/v1.0/servicePrincipals/{created["id"]}?$select=appId");
        read!.ToJsonString().ShouldEndWith($$"""/$metadata#servicePrincipals(appId)/$entity","appId":"{{AppId}}"}""");
    }

    [Theory]
    [InlineData("""{"displayName":"no app"}""", HttpStatusCode.BadRequest, "Request_BadRequest")]
    [InlineData("""{"appId":"not-a-guid"}""", HttpStatusCode.BadRequest, "Request_BadRequest")]
    [InlineData("""{"appId":5}""", HttpStatusCode.BadRequest, "Request_BadRequest")]
    [InlineData("""{"appId":"6d2a1c3b-0000-4000-8000-00000000a002","colour":"red"}""", HttpStatusCode.BadRequest, "Request_BadRequest")]
    [InlineData("""{"appId":"6d2a1c3b-0000-4000-8000-00000000a001"}""", HttpStatusCode.Conflict, "Request_MultipleObjectsWithSameKeyValue")]
    [InlineData("""{"appId":""", HttpStatusCode.BadRequest, "Request_BadRequest")]
    public async Task Post_BadOrDuplicate_GraphErrorAndNothingCreated(string body, HttpStatusCode expected, string code)
    {
        await _directory.CreateAsync("servicePrincipals", $$"""{"appId":"{{AppId}}","displayName":"First"}""");

        var (status, error) = await _directory.SendAsync(HttpMethod.Post, "/v1.0/servicePrincipals", body);

        status.ShouldBe(expected);
        error!["error"]!["code"]!.GetValue<string>().ShouldBe(code);
        var (_, all) = await _directory.GetAsync("/v1.0/servicePrincipals");
        ServedDirectory.Values(all!, "displayName").ShouldBe(["First"]);
    }

    [Fact]
    public async Task Patch_DeclaredProperties_204AndCanonicalized()
    {
        var id = await _directory.CreateAsync("servicePrincipals", $$"""{"appId":"{{AppId}}","displayName":"Before"}""");

        var (status, _) = await _directory.SendAsync(HttpMethod.Patch, $"/v1.0/servicePrincipals/{id}", $$"""{"DISPLAYNAME":"After","notes":"n","appId":"{{AppId}}"}""");
        var (_, read) = await _directory.GetAsync($"/v1.0/servicePrincipals/{id}");
        var (_, filtered) = await _directory.GetAsync("/v1.0/servicePrincipals?$filter=displayName%20eq%20'after'");

        status.ShouldBe(HttpStatusCode.NoContent);
        read!["displayName"]!.GetValue<string>().ShouldBe("After");
        read["notes"]!.GetValue<string>().ShouldBe("n");
        read.ContainsKey("DISPLAYNAME").ShouldBeFalse();
        ServedDirectory.Values(filtered!, "id").ShouldBe([id]);
    }

    [Theory]
    [InlineData("""{"appId":"6d2a1c3b-0000-4000-8000-00000000ffff"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"colour":"red"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"displayName":7}""", HttpStatusCode.BadRequest)]
    [InlineData("""[1]""", HttpStatusCode.BadRequest)]
    public async Task Patch_Refused_GraphErrorAndNothingChanged(string body, HttpStatusCode expected)
    {
        var id = await _directory.CreateAsync("servicePrincipals", $$"""{"appId":"{{AppId}}","displayName":"Same"}""");

        var (status, error) = await _directory.SendAsync(HttpMethod.Patch, $"/v1.0/servicePrincipals/{id}", body);

        status.ShouldBe(expected);
        error!.ContainsKey("error").ShouldBeTrue();
        var (_, read) = await _directory.GetAsync($"/v1.0/servicePrincipals/{id}");
        read!["displayName"]!.GetValue<string>().ShouldBe("Same");
        read["appId"]!.GetValue<string>().ShouldBe(AppId);
    }

    [Fact]
    public async Task Patch_Unknown_404()
    {
        var (status, error) = await _directory.SendAsync(HttpMethod.Patch, $"/v1.0/servicePrincipals/{Guid.NewGuid()}", """{"displayName":"x"}""");

        status.ShouldBe(HttpStatusCode.NotFound);
        error!["error"]!["code"]!.GetValue<string>().ShouldBe("Request_ResourceNotFound");
    }

    [Fact]
    public async Task List_PostedAndInstantiated_FilterByAppId()
    {
        var posted = await _directory.CreateAsync("servicePrincipals", $$"""{"appId":"{{AppId}}","displayName":"Posted"}""");
        var (_, instantiated) = await _directory.SendAsync(HttpMethod.Post, "/v1.0/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate", """{"displayName":"From template"}""");

        var (_, all) = await _directory.GetAsync("/v1.0/servicePrincipals?$orderby=displayName&$select=displayName");
        var (_, byAppId) = await _directory.GetAsync($"/v1.0/servicePrincipals?$filter=appId%20eq%20'{AppId}'");

        ServedDirectory.Values(all!, "displayName").ShouldBe(["From template", "Posted"]);
        ServedDirectory.Values(byAppId!, "id").ShouldBe([posted]);
        instantiated!["servicePrincipal"]!["id"]!.GetValue<string>().ShouldNotBe(posted);
    }

    [Fact]
    public async Task Get_InstantiatedServicePrincipal_ShowsNoApplicationObjectLink()
    {
        var (_, instantiated) = await _directory.SendAsync(HttpMethod.Post, "/v1.0/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate", """{"displayName":"Linked"}""");
        var id = instantiated!["servicePrincipal"]!["id"]!.GetValue<string>();

        var (_, single) = await _directory.GetAsync($"/v1.0/servicePrincipals/{id}");
        var (_, listed) = await _directory.GetAsync("/v1.0/servicePrincipals");
        var (status, _) = await _directory.SendAsync(HttpMethod.Patch, $"/v1.0/servicePrincipals/{id}", """{"applicationObjectId":"x"}""");

        single!.ContainsKey("applicationObjectId").ShouldBeFalse();
        single["displayName"]!.GetValue<string>().ShouldBe("Linked");
        listed!["value"]![0]!.AsObject().ContainsKey("applicationObjectId").ShouldBeFalse();
        instantiated["servicePrincipal"]!.AsObject().ContainsKey("applicationObjectId").ShouldBeFalse();
        status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ApplicationTemplates_FilterByDisplayName_FindsTheScimTemplate()
    {
        var (_, found) = await _directory.GetAsync("/v1.0/applicationTemplates?$filter=" + Uri.EscapeDataString("displayName eq 'Provisio SCIM app'"));
        var (_, none) = await _directory.GetAsync("/v1.0/applicationTemplates?$filter=" + Uri.EscapeDataString("displayName eq 'Someone else''s app'"));
        var (_, all) = await _directory.GetAsync("/beta/applicationTemplates?$select=id");
        var (badStatus, bad) = await _directory.GetAsync("/v1.0/applicationTemplates?$filter=displayName%20eq");

        found!["@odata.context"]!.GetValue<string>().ShouldEndWith("/v1.0/$metadata#applicationTemplates");
        ServedDirectory.Values(found, "id").ShouldBe(["8adf8e6e-67b2-4cf2-a259-e3dc5476c621"]);
        found["value"]![0]!["supportedProvisioningTypes"]![0]!.GetValue<string>().ShouldBe("sync");
        none!["value"]!.AsArray().ShouldBeEmpty();
        all!["value"]!.ToJsonString().ShouldBe("""[{"id":"8adf8e6e-67b2-4cf2-a259-e3dc5476c621"}]""");
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad!["error"]!["code"]!.GetValue<string>().ShouldBe("BadRequest");
    }
}
