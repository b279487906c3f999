using Microsoft.Playwright;

namespace Provisio.Portal.Tests.Browser;

/// <summary>What the portal tests do again and again: sign in, and keep a screenshot of a page as a test artefact.</summary>
public static class PortalPages
{
    /// <summary>Where screenshots go: <c>PROVISIO_SCREENSHOTS</c>, else <c>.artifacts/screenshots</c> at the repository root.</summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("PROVISIO_SCREENSHOTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(RepositoryRoot(), ".artifacts", "screenshots");

    /// <summary>Signs in on the sign-in page with a key, or a client id and secret, and waits for the page it leads to.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string secret, string? clientId = null, string path = "")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(baseUrl + path);
        await page.GetByLabel("Client id").FillAsync(clientId ?? "");
        await page.GetByLabel("Administrator key or client secret").FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>A full-page screenshot named after what it shows.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        System.IO.Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Provisio.slnx")))
            {
                return folder.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
