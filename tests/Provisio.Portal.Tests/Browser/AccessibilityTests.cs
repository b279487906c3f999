using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Provisio.Portal.Tests.Browser;

/// <summary>
/// axe-core (Deque's rules, WCAG 2.x A and AA) run in Chromium over every page of the portal, at laptop and phone width:
/// no serious or critical violation (missing labels, contrast, names, landmarks, ...).
/// </summary>
public sealed class AccessibilityTests(Chromium chromium)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryPage_HasNoSeriousOrCriticalAxeViolation(bool phone)
    {
        // Arrange: a job that ran, with a quarantine (the banner is part of what must be readable)
        await using var site = await PortalSite.StartAsync(users: 6, groups: 1);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Accessible", target, token: "refused");
        await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation);
        var page = await chromium.NewPageAsync(phone);
        var application = $"applications/{servicePrincipal:D}";
        var failures = new List<string>();

        // Act
        await page.GotoAsync(site.BaseUrl + "signin");
        failures.AddRange(await ViolationsAsync(page, "signin"));
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey);
        foreach (var path in Pages(application))
        {
            var response = await page.GotoAsync(site.BaseUrl + path);
            response.ShouldNotBeNull().Status.ShouldBe(200, path);
            (await page.Locator("h1").InnerTextAsync()).ShouldNotContain("not found", Case.Insensitive, path);
            failures.AddRange(await ViolationsAsync(page, path));
        }

        // Assert
        failures.ShouldBeEmpty();
    }

    /// <summary>Every page of the portal for one application.</summary>
    private static IEnumerable<string> Pages(string application) =>
    [
        "", application, $"{application}/logs", $"{application}/logs?status=failure", $"{application}/logs?preset=wrong-attributes", $"{application}/on-demand", $"{application}/on-demand?search=a",
        $"{application}/settings", $"{application}/diagnosis", "audit", $"{application}/mappings",
        $"{application}/mappings/{Uri.EscapeDataString(UserMapping)}", $"{application}/mappings/{Uri.EscapeDataString(UserMapping)}/userName",
        $"{application}/mappings/{Uri.EscapeDataString(UserMapping)}/userName?expression=Join(%22%20%22%2C%20%5Bsurname%5D",
        $"{application}/mappings/{Uri.EscapeDataString(UserMapping)}/new",
    ];

    private const string UserMapping = Provisio.Synchronization.Templates.ScimSynchronizationTemplate.UserMappingName;

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string path)
    {
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        results.Passes.Length.ShouldBeGreaterThan(10, $"axe ran its rules on /{path}");
        return results.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"/{path}: {violation.Id} ({violation.Impact}) {violation.Help}: {string.Join("; ", violation.Nodes.Take(3).Select(node => node.Html))}");
    }
}
