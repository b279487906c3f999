using Microsoft.Playwright;
using Provisio.Scim.Client;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Portal.Tests.Browser;

/// <summary>The troubleshooting checklist's log presets: from a Diagnosis row to its log entries, and the views on the logs page.</summary>
public sealed class LogPresetsPageTests(Chromium chromium)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DiagnosisRowLink_OpensTheLogsInItsView_ShowingExactlyItsEntries_AndEmptyViewsSaySo()
    {
        // Arrange: every user fails for lack of a required attribute; the groups are provisioned
        var job = await FailingJob.StartAsync();
        await using var site = job.Site;
        var store = site.Engine.Store;
        var failed = (await store.QueryLogsAsync(new ProvisioningLogQuery { JobId = job.JobId, Status = ProvisioningResult.Failure }, Cancellation)).Entries;
        failed.Count.ShouldBe(FailingJob.Users.Length);
        var all = await store.CountLogsAsync(new ProvisioningLogQuery { JobId = job.JobId }, Cancellation);
        all.ShouldBeGreaterThan(failed.Count, "the groups were provisioned");
        var page = await chromium.NewPageAsync();

        // Act: the Diagnosis page's row "Users created but with wrong attributes"
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{job.ServicePrincipal:D}/diagnosis");
        var checklist = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "First thing to check" });
        var duplicates = checklist.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = TroubleshootingChecklist.DuplicateUsers }) });
        (await duplicates.GetByRole(AriaRole.Link, new() { Name = $"No log entry for {TroubleshootingChecklist.DuplicateUsers}" }).CountAsync()).ShouldBe(1, "an empty view says so");
        var deletions = checklist.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = TroubleshootingChecklist.MassDeletionsPending }) });
        (await deletions.GetByRole(AriaRole.Link, new() { Name = "Pending deletions on the overview (approve or reject)" }).GetAttributeAsync("href"))
            .ShouldBe($"applications/{job.ServicePrincipal:D}#pending-title");
        var wrong = checklist.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = TroubleshootingChecklist.WrongAttributes }) });
        await wrong.GetByRole(AriaRole.Link, new() { Name = $"{FailingJob.Users.Length} log entries for {TroubleshootingChecklist.WrongAttributes}" }).ClickAsync();

        // Assert: the logs page in that view, selected and explained, with the failed users and nothing else
        await page.WaitForURLAsync(url => url.EndsWith($"/logs?preset={ProvisioningLogPresets.WrongAttributes}", StringComparison.Ordinal));
        var views = page.GetByRole(AriaRole.Navigation, new() { Name = "Troubleshooting views" });
        var summary = page.Locator(".logs-summary");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = $"View: {TroubleshootingChecklist.WrongAttributes}" })).ToBeVisibleAsync();
        (await views.GetByRole(AriaRole.Link).CountAsync()).ShouldBe(ProvisioningLogPresets.All.Count + 1, "every view and All entries");
        (await views.Locator("a[aria-current=true]").InnerTextAsync()).ShouldBe(TroubleshootingChecklist.WrongAttributes);
        var explained = await page.GetByRole(AriaRole.Region, new() { Name = $"View: {TroubleshootingChecklist.WrongAttributes}" }).InnerTextAsync();
        explained.ShouldContain("First thing to check: Attribute mapping expressions.");
        explained.ShouldContain(ScimErrorCodes.MandatoryFieldsMissing);
        (await summary.InnerTextAsync()).ShouldContain($"{failed.Count} entries match");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Provisioning log entries, newest first" }).Locator("tbody tr");
        (await rows.CountAsync()).ShouldBe(failed.Count);
        for (var index = 0; index < failed.Count; index++)
        {
            var text = await rows.Nth(index).InnerTextAsync();
            text.ShouldContain(failed[index].SourceIdentity.DisplayName!, customMessage: "the store's failures, newest first");
            text.ShouldContain(ScimErrorCodes.MandatoryFieldsMissing);
        }

        await PortalPages.ScreenshotAsync(page, "logs-preset");
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download JSON" }).ClickAsync());
        var downloaded = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(await json.PathAsync(), Cancellation))!.AsArray();
        downloaded.Select(entry => entry!["id"]!.GetValue<string>()).ShouldBe(failed.Select(log => log.Id), "the download is the view's entries");

        // A time filter keeps the view: nothing after tomorrow, and the view says its symptom is absent under these filters
        await page.GetByLabel("From (UTC)").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"preset={ProvisioningLogPresets.WrongAttributes}", StringComparison.Ordinal) && url.Contains("from=", StringComparison.Ordinal));
        await Assertions.Expect(summary).ToContainTextAsync("0 entries match");
        (await page.GetByRole(AriaRole.Region, new() { Name = $"View: {TroubleshootingChecklist.WrongAttributes}" }).InnerTextAsync())
            .ShouldContain("No log entry of this job shows this symptom under these filters");

        // Another view, one click: the time filter kept; All entries: every entry again
        await views.GetByRole(AriaRole.Link, new() { Name = TroubleshootingChecklist.AllOperationsFailing }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"preset={ProvisioningLogPresets.AllOperationsFailing}", StringComparison.Ordinal) && url.Contains("from=", StringComparison.Ordinal));
        await Assertions.Expect(views.Locator("a[aria-current=true]")).ToHaveTextAsync(TroubleshootingChecklist.AllOperationsFailing);
        await Assertions.Expect(summary).ToContainTextAsync("0 entries match");
        await page.GetByLabel("From (UTC)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"preset={ProvisioningLogPresets.AllOperationsFailing}", StringComparison.Ordinal) && !url.Contains("from=2", StringComparison.Ordinal));
        await Assertions.Expect(summary).ToContainTextAsync($"{failed.Count} entries match");
        await views.GetByRole(AriaRole.Link, new() { Name = "All entries" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("preset=", StringComparison.Ordinal));
        await Assertions.Expect(views.Locator("a[aria-current=true]")).ToHaveTextAsync("All entries");
        await Assertions.Expect(summary).ToContainTextAsync($"{all} entries match");
        (await page.GetByRole(AriaRole.Region, new() { NameRegex = new System.Text.RegularExpressions.Regex("^View: ") }).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task UnknownPreset_IsReportedAndLeftOut()
    {
        var job = await FailingJob.StartAsync();
        await using var site = job.Site;
        var page = await chromium.NewPageAsync();

        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{job.ServicePrincipal:D}/logs?preset=users-gone");

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain($"Unknown preset 'users-gone': use {string.Join(", ", ProvisioningLogPresets.Names)}.");
        var all = await site.Engine.Store.CountLogsAsync(new ProvisioningLogQuery { JobId = job.JobId }, Cancellation);
        (await page.Locator(".logs-summary").InnerTextAsync()).ShouldContain($"{all} entries match");
        (await page.GetByRole(AriaRole.Navigation, new() { Name = "Troubleshooting views" }).Locator("a[aria-current=true]").InnerTextAsync()).ShouldBe("All entries");
    }
}
