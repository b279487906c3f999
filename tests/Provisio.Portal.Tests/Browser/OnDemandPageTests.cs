using System.Globalization;
using Microsoft.Playwright;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Portal.Tests.Browser;

public sealed class OnDemandPageTests(Chromium chromium)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunOnDemandProvisioning_SearchAUserByName_TheStepsAndMappingAreShown_AndTheUserExistsInTheTarget()
    {
        await using var site = await PortalSite.StartAsync(users: 6, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso On Demand", target);
        var user = (await site.Directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User, OrderBy = "displayName", Top = 1 }, Cancellation)).Items.Single();
        var name = user["displayName"]!;
        var upn = user["userPrincipalName"]!;
        target.GetUsers().ShouldBeEmpty();
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}/on-demand");

        await page.GetByLabel("Display name or user principal name starts with").FillAsync(name[..4]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("search=", StringComparison.Ordinal));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = upn });
        await row.WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("1 user found.");
        await PortalPages.ScreenshotAsync(page, "ondemand");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Provision {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Result" }).WaitForAsync();

        // The entry is named as the engine logs it (the user principal name); the steps in Entra's order (reference §1.4):
        // import, scoping, matching, processing (the mapping), export.
        var steps = page.GetByRole(AriaRole.List, new() { Name = $"Provisioning steps of {upn}" }).Locator(":scope > li");
        var names = new List<string>();
        for (var index = 0; index < await steps.CountAsync(); index++)
        {
            names.Add((await steps.Nth(index).GetAttributeAsync("data-step"))!);
        }

        // The manager reference is resolved after the user exists (reference §1.9).
        names.ShouldBe(["EntryImportAdd", "EntrySynchronizationScoping", "EntrySynchronizationAdd", "EntryAttributeMapping", "EntryExportAdd", "EntryReferenceResolution"]);
        for (var index = 0; index < 5; index++)
        {
            (await steps.Nth(index).InnerTextAsync()).ShouldContain("Success");
        }

        (await steps.Nth(0).InnerTextAsync()).ShouldContain("import");
        (await steps.Nth(4).InnerTextAsync()).ShouldContain("export");

        var mapping = page.GetByRole(AriaRole.Table, new() { Name = $"Attribute mapping of {upn}" });
        var userName = mapping.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "userName", Exact = true }) });
        var cells = await userName.GetByRole(AriaRole.Cell).AllInnerTextsAsync();
        cells.ShouldBe(["[userPrincipalName]", upn, upn]);

        var status = await page.Locator("[data-duration-ms]").InnerTextAsync();
        status.ShouldContain("Ran in");
        var milliseconds = int.Parse((await page.Locator("[data-duration-ms]").GetAttributeAsync("data-duration-ms"))!, CultureInfo.InvariantCulture);
        milliseconds.ShouldBeLessThan(5_000, "issue 9's goal is under 1 s against the reference server");
        await PortalPages.ScreenshotAsync(page, "ondemand-result");

        target.GetUsers().Select(created => created["userName"]?.GetValue<string>()).ShouldBe([upn]);

        // The engine's limit (5 runs per 10 s per job) comes back plainly.
        for (var run = 0; run < 4; run++)
        {
            (await site.Engine.ProvisionOnDemandAsync(servicePrincipal, jobId, [user.Id], null, Cancellation)).Succeeded.ShouldBeTrue();
        }

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = upn }).GetByRole(AriaRole.Button, new() { Name = $"Provision {name}" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldMatch(@"Try again in \d+ seconds");
    }

    [Fact]
    public async Task AGroupWithSixMembersChosen_IsRefused_AndWithTwoTheGroupAndTheMembersAreProvisioned()
    {
        await using var site = await PortalSite.StartAsync(users: 8, groups: 1);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, _) = await site.AddApplicationAsync("Contoso Groups", target);
        var group = (await site.Directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.Group, Top = 1 }, Cancellation)).Items.Single();
        var groupName = group["displayName"]!;
        var page = await chromium.NewPageAsync(phone: true);
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}/on-demand");

        await page.GetByLabel("Look for").SelectOptionAsync("group");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Choose members of {groupName}" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"group={group.Id:D}", StringComparison.Ordinal));
        var members = page.GetByRole(AriaRole.Group, new() { Name = "Members to provision" }).GetByRole(AriaRole.Checkbox);
        await members.First.WaitForAsync();
        (await members.CountAsync()).ShouldBeGreaterThanOrEqualTo(6);

        for (var index = 0; index < 6; index++)
        {
            await members.Nth(index).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = $"Provision {groupName}" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        (await alert.InnerTextAsync()).ShouldContain("You chose 6 members");
        (await alert.InnerTextAsync()).ShouldContain("at most 5");
        target.GetUsers().ShouldBeEmpty();
        target.GetGroups().ShouldBeEmpty();
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Result" }).CountAsync()).ShouldBe(0);
        await PortalPages.ScreenshotAsync(page, "ondemand-group-refused");

        // The ticks survive the refusal: untick four, leaving two, and run.
        var ticked = page.GetByRole(AriaRole.Group, new() { Name = "Members to provision" }).GetByRole(AriaRole.Checkbox, new() { Checked = true });
        (await ticked.CountAsync()).ShouldBe(6);
        for (var index = 0; index < 4; index++)
        {
            await ticked.First.UncheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = $"Provision {groupName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Result" }).WaitForAsync();
        (await page.Locator("article.ondemand-entry").CountAsync()).ShouldBe(3);
        target.GetUsers().Count.ShouldBe(2);
        target.GetGroups().Select(created => created["displayName"]?.GetValue<string>()).ShouldBe([groupName]);
        (await page.GetByRole(AriaRole.Heading, new() { Name = $"Group {groupName}" }).InnerTextAsync()).ShouldContain("Success");
        await PortalPages.ScreenshotAsync(page, "ondemand-group-phone");
    }
}
