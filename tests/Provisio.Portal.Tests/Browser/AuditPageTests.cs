using Microsoft.Playwright;
using Provisio.Synchronization.Health;

namespace Provisio.Portal.Tests.Browser;

public sealed class AuditPageTests(Chromium chromium)
{
    [Fact]
    public async Task TheJobsStartAndPauseAreAudited_FilteredByApplicationAndActivity_WithDetailsThatExpand()
    {
        var job = await FailingJob.StartAsync();
        await using var site = job.Site;
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{job.ServicePrincipal:D}");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Portal" }).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"audit?application={job.ServicePrincipal:D}", StringComparison.Ordinal));
        (await page.GetByLabel("Application").InputValueAsync()).ShouldBe(job.ServicePrincipal.ToString("D"));
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        var headers = (await page.GetByRole(AriaRole.Table).Locator("tbody th[scope=row]").AllInnerTextsAsync()).ToList();
        headers.ShouldContain(HealthNotices.Activities.Start);
        headers.ShouldContain(HealthNotices.Activities.Pause);
        headers.IndexOf(HealthNotices.Activities.Pause).ShouldBeLessThan(headers.IndexOf(HealthNotices.Activities.Start), "newest first");

        var start = rows.Filter(new() { HasText = HealthNotices.Activities.Start });
        (await start.InnerTextAsync()).ShouldContain("Contoso HR");
        var details = start.Locator("details");
        (await details.Locator("dl").IsVisibleAsync()).ShouldBeFalse();
        await details.Locator("summary").ClickAsync();
        (await details.Locator("dl").IsVisibleAsync()).ShouldBeTrue();
        (await details.InnerTextAsync()).ShouldContain("The job was started.");
        (await details.InnerTextAsync()).ShouldContain(job.JobId);
        await PortalPages.ScreenshotAsync(page, "audit");

        await page.GetByLabel("Activity").SelectOptionAsync(HealthNotices.Activities.Start);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("activity=", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Table).Locator("tbody th[scope=row]").AllInnerTextsAsync()).ShouldBe([HealthNotices.Activities.Start]);

        await page.GotoAsync(site.BaseUrl + $"audit?application={Guid.NewGuid():D}");
        (await page.GetByText("No audit entry matches these filters.").CountAsync()).ShouldBe(1);
    }
}
