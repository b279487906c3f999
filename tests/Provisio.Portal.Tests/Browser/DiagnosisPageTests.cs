using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Provisio.Api.Authentication;
using Provisio.Scim.Client;
using Provisio.Synchronization.Health;

namespace Provisio.Portal.Tests.Browser;

public sealed class DiagnosisPageTests(Chromium chromium)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingUsers_TheChecklistShowsTheProblemRow_TheFailureGroupLinksToItsLogs_AndTestConnectionRuns()
    {
        var job = await FailingJob.StartAsync();
        await using var site = job.Site;
        var page = await chromium.NewPageAsync();

        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{job.ServicePrincipal:D}/diagnosis");

        (await page.GetByRole(AriaRole.Heading, new() { Name = "Diagnosis", Level = 1 }).CountAsync()).ShouldBe(1);
        var checklist = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "First thing to check" });
        (await checklist.Locator("tbody tr").CountAsync()).ShouldBe(TroubleshootingChecklist.Rows.Count);
        var noUsers = checklist.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = TroubleshootingChecklist.NoUsersProvisioned }) });
        var row = await noUsers.InnerTextAsync();
        row.ShouldContain("Problem");
        row.ShouldContain($"{FailingJob.Users.Length} objects failed to provision, most with {ScimErrorCodes.MandatoryFieldsMissing}");
        var quarantine = await checklist.GetByRole(AriaRole.Row).Filter(new() { HasText = TroubleshootingChecklist.InQuarantine }).InnerTextAsync();
        quarantine.ShouldContain("OK");
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("rows show a problem");

        var failures = page.GetByRole(AriaRole.Region, new() { Name = $"Object failures: {FailingJob.Users.Length}" });
        var group = await failures.InnerTextAsync();
        group.ShouldContain($"{ScimErrorCodes.MandatoryFieldsMissing} · {FailingJob.Users.Length} objects");
        group.ShouldContain("Recommended action:");
        foreach (var user in FailingJob.Users)
        {
            group.ShouldContain($"{user}@contoso.com");
        }

        (await page.GetByRole(AriaRole.Region, new() { Name = "Pending deletions: 0" }).CountAsync()).ShouldBe(1);
        (await page.GetByText("Test Connection succeeded").CountAsync()).ShouldBe(0, "the page does not call the application unless asked");
        await PortalPages.ScreenshotAsync(page, "diagnosis");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run Test Connection too" }).ClickAsync();
        (await page.GetByRole(AriaRole.Region, new() { Name = "Test Connection" }).InnerTextAsync()).ShouldContain("Test Connection succeeded");
        (await page.GetByRole(AriaRole.Table).Filter(new() { HasText = "First thing to check" }).GetByRole(AriaRole.Row)
            .Filter(new() { HasText = TroubleshootingChecklist.AllOperationsFailing }).InnerTextAsync()).ShouldContain("Test Connection succeeds");

        await failures.GetByRole(AriaRole.Link, new() { Name = $"See the {ScimErrorCodes.MandatoryFieldsMissing} failures in the logs" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"error={ScimErrorCodes.MandatoryFieldsMissing}", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Provisioning logs", Level = 1 })).ToBeVisibleAsync();
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain($"{FailingJob.Users.Length} entries match");
    }

    [Fact]
    public async Task AReaderSeesTheDiagnosis_ButNoTestConnectionButton()
    {
        var job = await FailingJob.StartAsync();
        await using var site = job.Site;
        var (client, secret) = await site.App.Services.GetRequiredService<ApiClientRegistry>().AddAsync("auditor", ProvisioRoles.Reader, Cancellation);
        var page = await chromium.NewPageAsync(phone: true);

        await PortalPages.SignInAsync(page, site.BaseUrl, secret, client.ClientId, $"applications/{job.ServicePrincipal:D}/diagnosis");

        (await page.GetByRole(AriaRole.Rowheader, new() { Name = TroubleshootingChecklist.NoUsersProvisioned }).CountAsync()).ShouldBe(1);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Run Test Connection too" }).CountAsync()).ShouldBe(0);
    }
}
