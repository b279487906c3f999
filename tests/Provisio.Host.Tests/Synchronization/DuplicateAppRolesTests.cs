using System.Net;

namespace Provisio.Host.Tests.Synchronization;

/// <summary>
/// Seed 002's "Duplicate roles" quarantine as an administrator meets it over Graph: roles written to the application
/// (as a role import does, <c>PATCH /v1.0/servicePrincipals/{id}</c>, which accepts them as Graph accepts a service
/// principal's roles) with one value twice; the next cycle quarantines the job before anything reaches the target, and
/// on-demand provisioning refuses; fixing the roles lets the next cycle lift the quarantine and provision.
/// </summary>
public sealed class DuplicateAppRolesTests : IAsyncLifetime
{
    private ServedSynchronization _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedSynchronization.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task DuplicateRoleValues_QuarantinedWithDuplicateAppRoles_NothingExported_FixedRolesLiftIt()
    {
        // Arrange: two roles with the value "Admin" (one imported as "admin")
        var (sp, jobId) = await _served.ConfigureAsync();
        var user = await _served.CreateUserAsync("ana@contoso.com", "Ana Souza");
        var jobs = $"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}";
        var patched = await _served.SendAsync(HttpMethod.Patch, $"/v1.0/servicePrincipals/{sp}", Roles(("Admin", "Administrator"), ("admin", "Admin (imported)")));
        patched.Status.ShouldBe(HttpStatusCode.NoContent, patched.Text);

        // Act
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var quarantined = await _served.JobAsync(sp, jobId);
        var onDemand = await _served.SendAsync(HttpMethod.Post, $"{jobs}/provisionOnDemand",
            $$"""{"parameters":[{"ruleId":"03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8","subjects":[{"objectId":"{{user}}","objectTypeName":"User"}]}]}""");
        var target = await _served.TargetUsersAsync();
        (await _served.SendAsync(HttpMethod.Patch, $"/v1.0/servicePrincipals/{sp}", Roles(("Admin", "Administrator"), ("Reader", "Reader")))).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _served.SendAsync(HttpMethod.Post, $"{jobs}/provisio.runCycle")).Status.ShouldBe(HttpStatusCode.OK);
        var lifted = await _served.JobAsync(sp, jobId);

        // Assert: Graph's quarantine shape, the reason EncounteredQuarantineException with our error code
        var quarantine = quarantined["status"]!["quarantine"]!;
        quarantined["status"]!["code"]!.GetValue<string>().ShouldBe("Quarantine");
        quarantine["reason"]!.GetValue<string>().ShouldBe("EncounteredQuarantineException");
        quarantine["error"]!["code"]!.GetValue<string>().ShouldBe("DuplicateAppRoles");
        quarantine["error"]!["message"]!.GetValue<string>().ShouldContain("value 'Admin' is declared by role");
        quarantine["error"]!["tenantActionable"]!.GetValue<bool>().ShouldBeTrue();
        target.ShouldBeEmpty("nothing is exported while the roles are duplicated");
        onDemand.Status.ShouldBe(HttpStatusCode.BadRequest, onDemand.Text);
        onDemand.Error["code"]!.GetValue<string>().ShouldBe("DuplicateAppRoles");
        lifted["status"]!["quarantine"].ShouldBeNull();
        (await _served.TargetUsersAsync()).Select(item => item!["userName"]!.GetValue<string>()).ShouldBe(["ana@contoso.com"]);
    }

    private static string Roles(params (string Value, string DisplayName)[] roles) =>
        $$"""{"appRoles":[{{string.Join(",", roles.Select(role =>
            $$"""{"allowedMemberTypes":["User"],"displayName":"{{role.DisplayName}}","id":"{{Guid.NewGuid():D}}","isEnabled":true,"value":"{{role.Value}}"}"""))}}]}""";
}
