using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Provisio.Api.Authentication;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;

namespace Provisio.Portal.Tests.Browser;

public sealed class SettingsPageTests(Chromium chromium)
{
    private const string WrongToken = "wrong-token-4711-never-shown";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWrongToken_TestConnectionExplainsTheCredentials_ANewTokenSaved_TestConnectionSucceeds_AndNoTokenIsEverInThePage()
    {
        await using var site = await PortalSite.StartAsync(users: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso Settings", target, token: WrongToken);
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}/settings");

        (await page.GetByLabel("Tenant URL").InputValueAsync()).ShouldBe(target.ScimAddress.ToString());
        (await page.GetByLabel("Secret Token").InputValueAsync()).ShouldBeEmpty();
        (await page.Locator("label[for=secret-token]").InnerTextAsync()).ShouldContain("saved");
        (await page.ContentAsync()).ShouldNotContain(WrongToken);
        await PortalPages.ScreenshotAsync(page, "settings");

        // The saved (wrong) token is tested when the field is left empty: Entra's explanation of a 401.
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Connection" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        (await alert.InnerTextAsync()).ShouldContain("You appear to have entered invalid credentials");
        (await alert.InnerTextAsync()).ShouldContain("HTTP 401");
        (await page.ContentAsync()).ShouldNotContain(WrongToken);
        await PortalPages.ScreenshotAsync(page, "settings-test-failed");

        // The value typed is tested without being saved.
        await page.GetByLabel("Secret Token").FillAsync(PortalSite.TargetToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Connection" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "authorized" }).InnerTextAsync()).ShouldContain("The supplied credentials are authorized to enable provisioning");
        (await site.Engine.ValidateCredentialsAsync(servicePrincipal, jobId, null, useSavedCredentials: true, Cancellation)).Succeeded.ShouldBeFalse();
        (await page.ContentAsync()).ShouldNotContain(PortalSite.TargetToken);

        // An address where no SCIM service answers queries: the compliance explanation (HTTP 404).
        await page.GetByLabel("Tenant URL").FillAsync(target.Address + "nowhere/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Connection" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("not compliant");

        // Saving the new token: the page says what changed, never the value, and Test Connection with the saved values passes.
        await page.GetByLabel("Tenant URL").FillAsync(target.ScimAddress.ToString());
        await page.GetByLabel("Secret Token").FillAsync(PortalSite.TargetToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save credentials" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }).InnerTextAsync()).ShouldContain("Secret Token replaced");
        (await page.ContentAsync()).ShouldNotContain(PortalSite.TargetToken);
        (await page.GetByLabel("Secret Token").InputValueAsync()).ShouldBeEmpty();
        (await site.Engine.ValidateCredentialsAsync(servicePrincipal, jobId, null, useSavedCredentials: true, Cancellation)).Succeeded.ShouldBeTrue();

        await page.GetByRole(AriaRole.Button, new() { Name = "Test Connection" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "authorized" }).CountAsync()).ShouldBe(1);
        (await page.ContentAsync()).ShouldNotContain(PortalSite.TargetToken);

        // Saving with the token field empty keeps the saved token.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save credentials" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }).InnerTextAsync()).ShouldContain("nothing changed");
        (await site.Engine.ValidateCredentialsAsync(servicePrincipal, jobId, null, useSavedCredentials: true, Cancellation)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task TheIntervalThresholdNotificationsAndScopeSaved_AreReadBackFromTheEngine_AndInvalidInputNamesTheFieldAndSavesNothing()
    {
        await using var site = await PortalSite.StartAsync(users: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso Schedule", target);
        var before = (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Job.Schedule.Interval;
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: $"applications/{servicePrincipal:D}/settings");

        await page.GetByLabel("Interval").FillAsync("every now and then");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldStartWith("Interval:");
        (await page.GetByLabel("Interval").InputValueAsync()).ShouldBe("every now and then");
        (await Job()).Schedule.Interval.ShouldBe(before);

        await page.GetByLabel("Interval").FillAsync("PT40M");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }).InnerTextAsync()).ShouldContain("to PT40M");
        (await Job()).Schedule.Interval.ShouldBe(TimeSpan.FromMinutes(40));

        await page.GetByLabel("Interval").FillAsync("90");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }).InnerTextAsync()).ShouldContain("from PT40M to PT1H30M");
        (await Job()).Schedule.Interval.ShouldBe(TimeSpan.FromMinutes(90));
        (await page.GetByLabel("Interval").InputValueAsync()).ShouldBe("PT1H30M");

        await page.GetByLabel("Accidental deletion threshold").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save deletion settings" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Accidental deletion threshold: give a positive whole number");
        DeletionProtection.Configured(await Job()).ShouldBe(500);

        await page.GetByLabel("Accidental deletion threshold").FillAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save deletion settings" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }).InnerTextAsync()).ShouldContain("Threshold changed from 500 to 25");
        DeletionProtection.Configured(await Job()).ShouldBe(25);
        (await page.GetByLabel("Accidental deletion threshold").InputValueAsync()).ShouldBe("25");

        await page.GetByLabel("Notification email").FillAsync("ops@contoso.com; not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save notifications" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Notification email: 'not an address' is not an e-mail address");
        (await Secret(SynchronizationSecret.SyncNotificationSettings))!.ShouldNotContain("ops@contoso.com");

        await page.GetByLabel("Notification email").FillAsync("ops@contoso.com, it@contoso.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save notifications" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }).InnerTextAsync()).ShouldContain("Notification email set to ops@contoso.com, it@contoso.com");
        var notifications = Provisio.Synchronization.Configuration.NotificationSettings.TryParse(await Secret(SynchronizationSecret.SyncNotificationSettings), out var settings, out _);
        notifications.ShouldBeTrue();
        settings.Recipients.ShouldBe(["ops@contoso.com", "it@contoso.com"]);
        settings.DeleteThresholdEnabled.ShouldBe(true);
        DeletionProtection.Configured(await Job()).ShouldBe(25, "saving the notifications keeps the threshold saved before");

        await page.GetByLabel("Sync only assigned users and groups").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save scope" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }).InnerTextAsync()).ShouldContain("assigned users and groups only");
        (await Secret(SynchronizationSecret.SyncAll)).ShouldBe("false");
        (await Secret(SynchronizationSecret.SecretToken)).ShouldBe(SynchronizationSecretKeyStringValuePair.Mask);
        (await site.Engine.ValidateCredentialsAsync(servicePrincipal, jobId, null, useSavedCredentials: true, Cancellation)).Succeeded.ShouldBeTrue("saving a section keeps the saved token");

        async Task<SynchronizationJob> Job() => (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Job;

        async Task<string?> Secret(SynchronizationSecret key) =>
            (await site.Engine.GetSecretsAsync(servicePrincipal, Cancellation)).Value!.FirstOrDefault(pair => pair.Key == key)?.Value;
    }

    [Fact]
    public async Task AReaderSeesTheSettingsButNoSaveAndNoTestConnection_AndNoProvisionOnDemand()
    {
        await using var site = await PortalSite.StartAsync(users: 3, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso Readers", target);
        (await site.Engine.SetIntervalAsync(servicePrincipal, jobId, TimeSpan.FromMinutes(40), Cancellation)).Succeeded.ShouldBeTrue();
        var (client, secret) = await site.App.Services.GetRequiredService<ApiClientRegistry>().AddAsync("auditor", ProvisioRoles.Reader, Cancellation);
        var page = await chromium.NewPageAsync(phone: true);
        await PortalPages.SignInAsync(page, site.BaseUrl, secret, client.ClientId, $"applications/{servicePrincipal:D}/settings");

        var content = await page.Locator("main").InnerTextAsync();
        content.ShouldContain(target.ScimAddress.ToString());
        content.ShouldContain("every 40 min");
        content.ShouldContain("Sync all users and groups");
        (await page.ContentAsync()).ShouldNotContain(PortalSite.TargetToken);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Test Connection" }).CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Button).Filter(new() { HasText = "Save" }).CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Textbox).CountAsync()).ShouldBe(0);
        await PortalPages.ScreenshotAsync(page, "settings-reader-phone");

        await page.GotoAsync(site.BaseUrl + $"applications/{servicePrincipal:D}/on-demand?kind=user");
        (await page.GetByRole(AriaRole.Row).CountAsync()).ShouldBe(4);
        (await page.GetByRole(AriaRole.Button).Filter(new() { HasText = "Provision" }).CountAsync()).ShouldBe(0);
        target.GetUsers().ShouldBeEmpty();
    }
}
