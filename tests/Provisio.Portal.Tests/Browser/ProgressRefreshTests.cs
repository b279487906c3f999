using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Provisio.Portal.Tests.Browser;

public sealed class ProgressRefreshTests(Chromium chromium)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheProgressBar_MovesWhileACycleRuns_WithoutReloadingThePage()
    {
        // Arrange: a slow target (150 ms a request), so the initial cycle takes a few seconds
        await using var site = await PortalSite.StartAsync(users: 60, groups: 0);
        var target = await site.StartTargetAsync("slow:150");
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Slow target", target);
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}");
        var cycle = site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation);
        await page.ReloadAsync();
        var panel = page.Locator("[data-refresh=progress]");
        await Expect(panel).ToContainTextAsync("Initial cycle running");
        await PortalPages.ScreenshotAsync(page, "overview-running");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        // Act: nothing but waiting on the page
        await cycle;

        // Assert: the panel caught up by itself, and the page was never reloaded
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Provisioning progress" })).ToHaveAttributeAsync("aria-valuenow", "100", new() { Timeout = 15_000 });
        await Expect(panel).ToContainTextAsync("Last cycle succeeded");
        (await panel.Locator("dd").First.InnerTextAsync()).ShouldBe("60", "users in the connector data store");
        navigations.ShouldBe(0);
    }
}
