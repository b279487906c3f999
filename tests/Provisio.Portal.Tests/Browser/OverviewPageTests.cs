using Microsoft.Playwright;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Storage;

namespace Provisio.Portal.Tests.Browser;

/// <summary>The job overview: the seed's diagnosis starts with the progress bar, the quarantine banner and what to do.</summary>
public sealed class OverviewPageTests(Chromium chromium)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AQuarantinedJob_ShowsItsBannerWithReasonAndWhatToDo_AndARestartRecoversIt()
    {
        // Arrange: the target refuses the token, so the first cycle quarantines the job
        await using var site = await PortalSite.StartAsync(users: 12, groups: 1);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Revoked", target, token: "revoked-token");
        (await site.Engine.StartAsync(servicePrincipal, jobId, Cancellation)).Succeeded.ShouldBeTrue();
        await WaitForAsync(async () => (await site.Engine.Store.GetJobAsync(jobId, Cancellation))!.Job.Status.Quarantine is not null);
        var page = await chromium.NewPageAsync();

        // Act 1: the administrator opens the job
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}");

        // Assert 1: the banner names the reason, the error, and the seed's recovery step
        var banner = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "In quarantine" });
        var text = await banner.InnerTextAsync();
        text.ShouldContain("In quarantine: EncounteredQuarantineException");
        text.ShouldContain("Next attempt");
        text.ShouldContain("What to do:");
        text.ShouldContain(Provisio.Synchronization.Health.QuarantineRules.RecommendedAction(QuarantineReason.EncounteredQuarantineException));
        (await page.Locator(".page-head .badge").InnerTextAsync()).ShouldBe("Quarantined");
        await PortalPages.ScreenshotAsync(page, "overview-quarantined");

        // Act 2: the credentials are fixed, then "Restart provisioning" with the quarantine state reset
        (await site.Engine.PutSecretsAsync(servicePrincipal,
        [
            new(SynchronizationSecret.BaseAddress, target.ScimAddress.ToString()),
            new(SynchronizationSecret.SecretToken, PortalSite.TargetToken),
            new(SynchronizationSecret.SyncAll, "true"),
        ], Cancellation)).Succeeded.ShouldBeTrue();
        (await page.GetByLabel("Quarantine state").IsCheckedAsync()).ShouldBeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restart provisioning" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("Provisioning restarted");

        // Assert 2: the cycle the restart runs provisions every user; the page then shows no banner and a healthy job
        await WaitForAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator(".page-head .badge").InnerTextAsync() == "Healthy";
        });
        (await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "In quarantine" }).CountAsync()).ShouldBe(0);
        target.GetUsers().Count.ShouldBe(12);
        (await page.GetByRole(AriaRole.Progressbar, new() { Name = "Provisioning progress" }).GetAttributeAsync("aria-valuenow")).ShouldBe("100");
        var restart = (await site.Engine.Store.QueryAuditsAsync(new DirectoryAuditQuery { Top = 50 }, Cancellation)).Audits
            .Single(audit => audit.ActivityDisplayName == "Enable/restart provisioning configuration");
        restart.InitiatedBy.User.ShouldNotBeNull().DisplayName.ShouldBe("Administrator", "the portal's session is audited as who signed in");
        restart.InitiatedBy.User.IpAddress.ShouldBe("127.0.0.1");
        await PortalPages.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task PendingDeletions_AreListedInABanner_AndApprovingThemCarriesOutExactlyThose()
    {
        // Arrange: threshold 2, then five provisioned users deleted at once: held, and the job quarantined TooManyDeletes
        await using var site = await PortalSite.StartAsync(users: 8, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Guarded", target);
        (await site.Engine.SetDeletionThresholdAsync(servicePrincipal, jobId, 2, Cancellation)).Succeeded.ShouldBeTrue();
        await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation);
        var users = (await site.Directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User, Top = 999 }, Cancellation)).Items;
        var deleted = users.Take(5).ToList();
        foreach (var user in deleted)
        {
            (await site.Directory.SoftDeleteAsync(user.Id, Cancellation)).Succeeded.ShouldBeTrue();
        }

        (await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation)).HeldDeletions.ShouldBe(5);
        var page = await chromium.NewPageAsync();

        // Act 1
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}");
        await PortalPages.ScreenshotAsync(page, "overview-pending-deletions");

        // Assert 1: the banner counts and names them; the quarantine says why
        var banner = page.Locator("section.banner-warning");
        (await banner.GetByRole(AriaRole.Heading).InnerTextAsync()).ShouldBe("5 deletions pending approval");
        var listed = await banner.InnerTextAsync();
        deleted.ShouldAllBe(user => listed.Contains(user["userPrincipalName"]!, StringComparison.Ordinal));
        listed.ShouldContain("threshold 2");
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("TooManyDeletes");
        target.GetUsers().Where(user => user["active"]?.GetValue<bool>() == false).ShouldBeEmpty("nothing went out yet");

        // Act 2
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve 5 deletions" }).ClickAsync();

        // Assert 2: approved ones go out at the next cycle (the approval runs it now): exactly those five are disabled
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldContain("Deletions approved");
        var names = deleted.Select(user => user["userPrincipalName"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        await WaitForAsync(() => Task.FromResult(target.GetUsers().Count(user => user["active"]?.GetValue<bool>() == false) == 5));
        target.GetUsers().Where(user => user["active"]?.GetValue<bool>() == false).Select(user => user["userName"]!.GetValue<string>())
            .ShouldBe(names, ignoreOrder: true);
        await WaitForAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("section.banner-warning").CountAsync() == 0;
        });
        (await site.Engine.Store.GetJobAsync(jobId, Cancellation))!.Job.Status.Quarantine.ShouldBeNull();
    }

    [Fact]
    public async Task ADryRun_ShowsWhatTheNextCycleWouldDo_AndSendsNothing()
    {
        // Arrange: a job never run, six users and one group in scope
        await using var site = await PortalSite.StartAsync(users: 6, groups: 1);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Rehearsal", target);
        var page = await chromium.NewPageAsync(phone: true);
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}");

        // Act
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run the next cycle" }).ClickAsync();

        // Assert: seven creates predicted (six users, one group), none sent; the logs link names the dry run's cycle
        var section = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "What the next cycle would do (dry run)" }) });
        (await section.InnerTextAsync()).ShouldContain("would create: 7");
        target.GetUsers().ShouldBeEmpty();
        target.GetGroups().ShouldBeEmpty();
        (await section.GetByRole(AriaRole.Link).GetAttributeAsync("href")).ShouldNotBeNull().ShouldContain("?cycle=DryRun-");
        page.Url.ShouldContain("?dryRun=DryRun-", Case.Sensitive, "the result is a page of its own: a reload does not run the dry run again");
        (await site.Engine.Store.GetJobAsync(jobId, Cancellation))!.Job.Status.LastExecution.ShouldBeNull("a dry run is not the job's execution");
        await PortalPages.ScreenshotAsync(page, "overview-dry-run-phone");
    }

    /// <summary>Polls (every 200 ms, up to 30 s) until the condition holds: cycles the scheduler runs finish on their own time.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the condition did not hold within 30 s");
            await Task.Delay(200, Cancellation);
        }
    }
}
