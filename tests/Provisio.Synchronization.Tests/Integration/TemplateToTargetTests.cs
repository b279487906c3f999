using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Provisio.Directory.Model;
using Provisio.Scim.Client;
using Provisio.Scim.Server;
using Provisio.Synchronization.Export;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Source;
using Provisio.Synchronization.Templates;

namespace Provisio.Synchronization.Tests.Integration;

/// <summary>
/// The engine's pieces together, before the pipeline joins them: a directory user read through Entra's source
/// attributes, mapped by the scim template's default user mapping, created and then updated in the reference SCIM
/// server over real HTTP. The target must hold what Entra would have sent.
/// </summary>
public sealed class TemplateToTargetTests : IAsyncLifetime
{
    private const string Token = "template-to-target-4b1d";
    private ScimServer _server = null!;
    private ScimClient _client = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = ScimServer.Create(new ScimServerOptions { Token = Token }, ["http://127.0.0.1:0"],
            builder => builder.Logging.ClearProviders());
        await _server.StartAsync(Cancellation);
        _client = new ScimClient(new ScimClientOptions { TenantUrl = _server.ScimAddress, Credentials = new BearerTokenCredentials(Token) });
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task DefaultUserMapping_CreateThenDepartmentChange_TargetHoldsTheMappedUser()
    {
        var mapping = CompiledObjectMapping.Compile(
            ScimSynchronizationTemplate.Rule.ObjectMappings.Single(objectMapping => objectMapping.SourceObjectName == "User"), ScimTargetDirectory.User);
        mapping.CompileErrors.ShouldBeEmpty();
        var planner = new ExportPlanner(mapping, ScimResourceType.User);
        var user = new DirectoryObject(Guid.NewGuid(), DirectoryObjectKind.User, new JsonObject
        {
            ["userPrincipalName"] = "zoe.angstrom@contoso.com",
            ["displayName"] = "Zoë Ångström",
            ["givenName"] = "Zoë",
            ["surname"] = "Ångström",
            ["mail"] = "zoe.angstrom@contoso.com",
            ["mailNickname"] = "zoe.angstrom",
            ["department"] = "Sales",
            ["employeeId"] = "004217",
            ["accountEnabled"] = true,
        }, DateTimeOffset.UnixEpoch, null, 1);

        var created = planner.PlanCreate(mapping.Evaluate(new EntraSourceAttributes(user), null, isCreate: true));
        var posted = await _client.CreateAsync(ScimResourceType.User, created.Body, Cancellation);
        var id = posted.Value!["id"]!.GetValue<string>();
        var moved = user with { Properties = (JsonObject)JsonNode.Parse(user.Properties.ToJsonString().Replace("\"Sales\"", "\"Support\"", StringComparison.Ordinal))! };
        var update = planner.PlanUpdate(created.State, mapping.Evaluate(new EntraSourceAttributes(moved), null, isCreate: false));
        var patched = await _client.UpdateAsync(ScimResourceType.User, id, update.Changes, Cancellation);
        var stored = (await _client.FindUserAsync("userName", "zoe.angstrom@contoso.com", Cancellation)).Value!;

        posted.Succeeded.ShouldBeTrue(posted.Failure?.ToString());
        created.Body["active"]!.GetValue<bool>().ShouldBeTrue();
        patched.Succeeded.ShouldBeTrue(patched.Failure?.ToString());
        update.Changes.Select(change => (change.Op.ToString(), change.Path)).ShouldBe([("Replace", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department")]);
        update.ModifiedProperties.Single().NewValue.ShouldBe("Support");
        stored["id"]!.GetValue<string>().ShouldBe(id);
        stored["displayName"]!.GetValue<string>().ShouldBe("Zoë Ångström");
        stored["name"]!["formatted"]!.GetValue<string>().ShouldBe("Zoë Ångström");
        stored["externalId"]!.GetValue<string>().ShouldBe("zoe.angstrom");
        stored["emails"]![0]!["value"]!.GetValue<string>().ShouldBe("zoe.angstrom@contoso.com");
        var enterprise = stored["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!;
        enterprise["department"]!.GetValue<string>().ShouldBe("Support");
        enterprise["employeeNumber"]!.GetValue<string>().ShouldBe("004217");
    }
}
