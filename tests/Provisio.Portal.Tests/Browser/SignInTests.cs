using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Provisio.Api.Authentication;

namespace Provisio.Portal.Tests.Browser;

public sealed class SignInTests(Chromium chromium)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdministratorKeySignsIn_AndTheApplicationsAreListedWithTheirState()
    {
        await using var site = await PortalSite.StartAsync();
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso HR", target);
        (await site.Engine.StartAsync(servicePrincipal, jobId, Cancellation)).Succeeded.ShouldBeTrue();
        await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation);
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(site.BaseUrl);
        page.Url.ShouldContain("/signin?ReturnUrl=");

        await page.GetByLabel("Administrator key or client secret").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("not accepted");
        await PortalPages.ScreenshotAsync(page, "signin");

        await page.GetByLabel("Administrator key or client secret").FillAsync(PortalSite.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseUrl);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Contoso HR" });
        (await row.InnerTextAsync()).ShouldContain("Healthy");
        (await page.Locator("header").InnerTextAsync()).ShouldContain("Administrator");
        await PortalPages.ScreenshotAsync(page, "applications");

        await row.GetByRole(AriaRole.Link, new() { Name = "Contoso HR" }).ClickAsync();
        await page.WaitForURLAsync($"**/applications/{servicePrincipal:D}");
        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = "Provisioning progress" });
        (await progress.GetAttributeAsync("aria-valuenow")).ShouldBe("100");
        var users = target.GetUsers().Count;
        users.ShouldBeGreaterThan(0);
        (await page.Locator("[data-refresh=progress]").InnerTextAsync()).ShouldContain($"Users in the connector data store\n{users}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync(site.BaseUrl);
        page.Url.ShouldContain("/signin");
    }

    [Fact]
    public async Task AReaderClientSeesTheJob_ButNoActionAndCannotPostOne()
    {
        await using var site = await PortalSite.StartAsync(users: 5, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, _) = await site.AddApplicationAsync("Readable", target);
        var (client, secret) = await site.App.Services.GetRequiredService<ApiClientRegistry>().AddAsync("auditor", ProvisioRoles.Reader, Cancellation);
        var page = await chromium.NewPageAsync();

        await PortalPages.SignInAsync(page, site.BaseUrl, secret, client.ClientId, $"applications/{servicePrincipal:D}");

        (await page.Locator("header").InnerTextAsync()).ShouldContain("Reader");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Readable", Level = 1 }).CountAsync()).ShouldBe(1);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Start provisioning" }).CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Restart provisioning" }).CountAsync()).ShouldBe(0);

        // The same form an administrator would post, sent from the reader's session: refused, and the job stays unstarted.
        var token = await page.EvaluateAsync<string>("() => document.querySelector('input[name=__RequestVerificationToken]').value");
        var response = await page.APIRequest.PostAsync(site.BaseUrl + $"applications/{servicePrincipal:D}", new()
        {
            Form = page.APIRequest.CreateFormData().Set("_handler", "start").Set("__RequestVerificationToken", token),
        });
        // The reader's page has no such form, so the portal refuses to dispatch it (400); were it rendered, the handler refuses.
        (response.Status == 400 || (await response.TextAsync()).Contains("Only an administrator can change a job", StringComparison.Ordinal)).ShouldBeTrue($"{response.Status}");
        var job = (await site.Engine.ListJobsAsync(servicePrincipal, Cancellation)).Single();
        job.Job.Schedule.State.ShouldNotBe(Provisio.Synchronization.Jobs.SynchronizationScheduleState.Active);
    }

    [Fact]
    public async Task AnUnknownClientOrAWrongSecretIsRefused()
    {
        await using var site = await PortalSite.StartAsync(users: 0);
        var (client, _) = await site.App.Services.GetRequiredService<ApiClientRegistry>().AddAsync("ops", ProvisioRoles.Administrator, Cancellation);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(site.BaseUrl + "signin");

        await page.GetByLabel("Client id").FillAsync(client.ClientId);
        await page.GetByLabel("Administrator key or client secret").FillAsync(PortalSite.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("not accepted");
        page.Url.ShouldContain("/signin");
    }
}
