using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Templates;

namespace Provisio.Portal.Tests.Browser;

/// <summary>
/// App roles in the portal: the expression tester reads a user's app role assignments for the mapping's application,
/// as provisioning does, so the role functions show the roles the target would receive (reference
/// entra-expressions-and-scim A.3); a job quarantined for duplicate roles says what to do about the roles.
/// </summary>
public sealed class AppRolePagesTests(Chromium chromium)
{
    private static readonly Guid Admin = new("0b5b6f3e-8a54-4f0e-9f3c-3d1a2c6e7b01");
    private static readonly Guid Reader = new("0b5b6f3e-8a54-4f0e-9f3c-3d1a2c6e7b02");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RoleFunctions_SeeTheUsersRolesForTheApplication_DirectAndThroughAGroup()
    {
        // Arrange: an application with two roles; the user is Admin directly and Reader through a group
        await using var site = await PortalSite.StartAsync(users: 3, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, _) = await site.AddApplicationAsync("Contoso Roles", target);
        (await site.Directory.UpdateAsync(servicePrincipal, new JsonObject
        {
            ["appRoles"] = new JsonArray(Role(Admin, "Admin", "Administrator"), Role(Reader, "Reader", "Reader")),
        }, Cancellation)).Succeeded.ShouldBeTrue();
        var user = (await site.Directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User, OrderBy = "displayName", Top = 1 }, Cancellation)).Items.Single();
        var group = (await site.Directory.CreateAsync(DirectoryObjectKind.Group, new JsonObject
        {
            ["displayName"] = "Readers", ["mailNickname"] = "readers", ["securityEnabled"] = true, ["mailEnabled"] = false,
        }, Cancellation)).Value!;
        (await site.Directory.AddReferenceAsync(new DirectoryReference(group.Id, DirectoryRelation.Member, user.Id), Cancellation)).Succeeded.ShouldBeTrue();
        (await site.Directory.AddReferenceAsync(new DirectoryReference(servicePrincipal, DirectoryRelation.AppRoleAssignment, user.Id, Admin), Cancellation)).Succeeded.ShouldBeTrue();
        (await site.Directory.AddReferenceAsync(new DirectoryReference(servicePrincipal, DirectoryRelation.AppRoleAssignment, group.Id, Reader), Cancellation)).Succeeded.ShouldBeTrue();
        var page = await chromium.NewPageAsync();
        var editor = PortalRoutes.AttributeMapping(servicePrincipal, ScimSynchronizationTemplate.UserMappingName, "userName");
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: editor);

        // Act
        await page.GotoAsync($"{site.BaseUrl}{editor}?expression={Uri.EscapeDataString("SingleAppRoleAssignment([appRoleAssignments])")}&user={user.Id:D}");
        var single = await page.Locator("[data-tester-result]").InnerTextAsync();
        await page.GotoAsync($"{site.BaseUrl}{editor}?expression={Uri.EscapeDataString("AppRoleAssignmentsComplex([appRoleAssignments])")}&user={user.Id:D}");
        var complex = await page.Locator("[data-tester-result]").InnerTextAsync();
        var read = await page.GetByRole(Microsoft.Playwright.AriaRole.Row).Filter(new() { HasText = "[appRoleAssignments]" }).InnerTextAsync();

        // Assert: the application's order (Admin first), each role once
        single.ShouldBe("Admin");
        complex.ShouldContain("Admin");
        complex.ShouldContain("Reader");
        read.ShouldContain("Admin");
        read.ShouldContain("Reader");
    }

    [Fact]
    public async Task DuplicateRoles_TheQuarantineBannerNamesTheDuplicatesAndTheRolesFix()
    {
        // Arrange: two roles with one value; a cycle quarantines the job
        await using var site = await PortalSite.StartAsync(users: 2, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso Duplicates", target);
        (await site.Directory.UpdateAsync(servicePrincipal, new JsonObject
        {
            ["appRoles"] = new JsonArray(Role(Admin, "Admin", "Administrator"), Role(Reader, "Admin", "Reader")),
        }, Cancellation)).Succeeded.ShouldBeTrue();
        (await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation)).JobFailure!.Code.ShouldBe(DuplicateAppRoles.ErrorCode);
        var page = await chromium.NewPageAsync();

        // Act
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: PortalRoutes.Overview(servicePrincipal));
        var banner = await page.GetByRole(Microsoft.Playwright.AriaRole.Alert).Filter(new() { HasText = "In quarantine" }).InnerTextAsync();

        // Assert
        banner.ShouldContain("In quarantine: EncounteredQuarantineException");
        banner.ShouldContain(DuplicateAppRoles.ErrorCode);
        banner.ShouldContain($"value 'Admin' is declared by role {Admin:D} and role {Reader:D}");
        banner.ShouldContain("What to do: " + DuplicateAppRoles.RecommendedAction);
        banner.ShouldNotContain("Check the admin credentials", Case.Sensitive, "the credentials are fine: the roles are not");
        target.Requests.Snapshot().ShouldBeEmpty("nothing reached the target");
    }

    private static JsonObject Role(Guid id, string value, string displayName) => new()
    {
        ["allowedMemberTypes"] = new JsonArray("User"),
        ["displayName"] = displayName,
        ["id"] = id.ToString("D"),
        ["isEnabled"] = true,
        ["value"] = value,
    };
}
