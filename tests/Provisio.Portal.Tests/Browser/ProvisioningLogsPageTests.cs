using Microsoft.Playwright;
using Provisio.Scim.Client;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Portal.Tests.Browser;

public sealed class ProvisioningLogsPageTests(Chromium chromium)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FilterLogsToFailuresAndOpenOne_TheDetailShowsTheErrorAndTheStepsInOrder_AndTheCsvHasEveryFailure()
    {
        var job = await FailingJob.StartAsync();
        await using var site = job.Site;
        var store = site.Engine.Store;
        var all = await store.CountLogsAsync(new ProvisioningLogQuery { JobId = job.JobId }, Cancellation);
        var failures = await store.CountLogsAsync(new ProvisioningLogQuery { JobId = job.JobId, Status = ProvisioningResult.Failure }, Cancellation);
        failures.ShouldBe(FailingJob.Users.Length, "every user lacks the employeeNumber the target requires");
        all.ShouldBeGreaterThan(failures, "the groups were provisioned");
        var page = await chromium.NewPageAsync();

        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{job.ServicePrincipal:D}/logs");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Provisioning logs", Level = 1 }).CountAsync()).ShouldBe(1);
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain($"{all} entries match");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Provisioning log entries, newest first" });
        (await table.GetByRole(AriaRole.Row).CountAsync()).ShouldBe((int)all + 1, "a header row and one row per entry");

        await page.GetByLabel("Status").SelectOptionAsync("failure");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("status=failure", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain($"{failures} entries match");
        var rows = table.Locator("tbody tr");
        (await rows.CountAsync()).ShouldBe((int)failures);
        foreach (var row in await rows.AllAsync())
        {
            var text = await row.InnerTextAsync();
            text.ShouldContain("Failure");
            text.ShouldContain(ScimErrorCodes.MandatoryFieldsMissing);
        }

        // Newest first: the first row is the store's newest failure.
        var newest = (await store.QueryLogsAsync(new ProvisioningLogQuery { JobId = job.JobId, Status = ProvisioningResult.Failure, Top = 1 }, Cancellation)).Entries.Single();
        var name = newest.SourceIdentity.DisplayName!;
        await PortalPages.ScreenshotAsync(page, "logs");

        await rows.First.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"entry={newest.Id}", StringComparison.Ordinal) && url.Contains("status=failure", StringComparison.Ordinal));
        var detail = page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });
        var error = newest.ProvisioningStatusInfo.ErrorInformation!;
        var troubleshooting = await detail.GetByRole(AriaRole.Region, new() { Name = "Troubleshooting & recommendations" }).InnerTextAsync();
        troubleshooting.ShouldContain(ScimErrorCodes.MandatoryFieldsMissing);
        troubleshooting.ShouldContain(error.Reason!);
        error.RecommendedAction.ShouldNotBeNullOrEmpty();
        (await detail.Locator(".recommended").InnerTextAsync()).ShouldBe($"Recommended action: {error.RecommendedAction}");
        var steps = await detail.Locator("ol.steps > li .step-head strong").AllInnerTextsAsync();
        steps.ShouldBe([.. newest.ProvisioningSteps.Select(step => step.Name)]);
        (await detail.Locator("ol.steps > li").Last.GetAttributeAsync("class")).ShouldBe("step-failure", "the export step failed");
        (await detail.InnerTextAsync()).ShouldContain(newest.CycleId);
        (await table.Locator("tr.selected").InnerTextAsync()).ShouldContain(name);
        (await rows.CountAsync()).ShouldBe((int)failures, "the filter is kept while an entry is open");
        await PortalPages.ScreenshotAsync(page, "log-detail");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("ProvisioningLogs.csv");
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Cancellation);
        var records = Csv(csv);
        string.Join(',', records[0]).ShouldBe(string.Join(',', ProvisioningLogExport.CsvColumns));
        records.Count.ShouldBe((int)failures + 1);
        records.Skip(1).ShouldAllBe(record => record[5] == "failure" && record[6] == ScimErrorCodes.MandatoryFieldsMissing);

        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download JSON" }).ClickAsync());
        json.SuggestedFilename.ShouldBe("ProvisioningLogs.json");
        var entries = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(await json.PathAsync(), Cancellation))!.AsArray();
        entries.Count.ShouldBe((int)failures);
        entries.Select(entry => entry!["id"]!.GetValue<string>()).ShouldContain(newest.Id);
    }

    [Fact]
    public async Task TheOverviewsLinks_CycleAndStagedDelete_FilterTheLogs_AndTheDownloadNeedsThePortalCookie()
    {
        var job = await FailingJob.StartAsync();
        await using var site = job.Site;
        var cycle = job.Cycle.ActivityIdentifier;
        var inCycle = await site.Engine.Store.CountLogsAsync(new ProvisioningLogQuery { JobId = job.JobId, CycleId = cycle }, Cancellation);
        inCycle.ShouldBeGreaterThan(0);
        var page = await chromium.NewPageAsync(phone: true);
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{job.ServicePrincipal:D}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Provisioning logs of this cycle" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"cycle={cycle}", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Provisioning logs", Level = 1 })).ToBeVisibleAsync();
        (await page.GetByLabel("Cycle id").InputValueAsync()).ShouldBe(cycle);
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain($"{inCycle} entries match");

        await page.GotoAsync(site.BaseUrl + $"applications/{job.ServicePrincipal:D}/logs?action=stagedDelete");
        (await page.GetByLabel("Action").InputValueAsync()).ShouldBe("stagedDelete");
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("0 entries match");
        (await page.GetByText("No provisioning log entry matches these filters.").CountAsync()).ShouldBe(1);

        // The date range is UTC, from inclusive and to exclusive: a range after the cycle holds nothing, one around it everything.
        var began = job.Cycle.TimeBegan.UtcDateTime;
        await page.GotoAsync(site.BaseUrl + $"applications/{job.ServicePrincipal:D}/logs?from={began.AddHours(1):yyyy-MM-ddTHH:mm}");
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("0 entries match");
        await page.GotoAsync(site.BaseUrl + $"applications/{job.ServicePrincipal:D}/logs?from={began.AddMinutes(-1):yyyy-MM-ddTHH:mm}&to={began.AddHours(1):yyyy-MM-ddTHH:mm}");
        (await page.GetByLabel("From (UTC)").InputValueAsync()).ShouldBe($"{began.AddMinutes(-1):yyyy-MM-ddTHH:mm}");
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain($"{inCycle} entries match");

        await page.GotoAsync(site.BaseUrl + $"applications/{job.ServicePrincipal:D}/logs?status=nonsense");
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Unknown status 'nonsense'");

        // Without the portal's cookie the download is the sign-in page's redirect, never the logs.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync(new Uri(site.BaseUrl + $"applications/{job.ServicePrincipal:D}/logs/export?format=csv"), Cancellation);
        ((int)response.StatusCode).ShouldBe(302);
        response.Headers.Location!.ToString().ShouldContain("/signin");
    }

    [Fact]
    public async Task NextPage_FollowsTheStoresKeyset_KeepsTheFilters_AndTheTwoPagesAreTheListingInOrder()
    {
        await using var site = await PortalSite.StartAsync(users: 12, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Paged", target);
        await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation);
        var expected = (await site.Engine.Store.QueryLogsAsync(new ProvisioningLogQuery { JobId = jobId, Action = ProvisioningAction.Create, Top = 100 }, Cancellation))
            .Entries.Select(entry => entry.Id).ToList();
        expected.Count.ShouldBeGreaterThan(10, "more than one page of 10");
        expected.Count.ShouldBeLessThanOrEqualTo(20, "two pages");
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}/logs?action=create&top=10");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Provisioning log entries, newest first" });

        var first = await Ids(table);
        first.ShouldBe(expected.Take(10));
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain($"{expected.Count} entries match");
        (await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).CountAsync()).ShouldBe(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToBeVisibleAsync();
        page.Url.ShouldContain("action=create");
        page.Url.ShouldContain("top=10");
        (await Ids(table)).ShouldBe(expected.Skip(10));
        (await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).CountAsync()).ShouldBe(0, "the last page");
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain($"{expected.Count} entries match");
    }

    /// <summary>The entry ids of the table's rows, from their links (<c>entry=ID</c>).</summary>
    private static async Task<List<string>> Ids(ILocator table)
    {
        var links = await table.Locator("tbody th a").EvaluateAllAsync<string[]>("links => links.map(link => new URL(link.href).searchParams.get('entry'))");
        return [.. links];
    }

    /// <summary>RFC 4180 records (quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<List<string>> Csv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (quoted)
            {
                if (c == '"' && index + 1 < text.Length && text[index + 1] == '"')
                {
                    field.Append('"');
                    index++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && index + 1 < text.Length && text[index + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                index++;
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }
}
