using System.Net;
using System.Text.RegularExpressions;

namespace Provisio.Host.Tests.Serve;

/// <summary>The portal signed in as a browser would (the sign-in form with its antiforgery token, then the cookie), for tests that read its HTML.</summary>
internal static partial class PortalSession
{
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string adminKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        var page = await client.GetStringAsync(new Uri("signin", UriKind.Relative), TestContext.Current.CancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["Form.ClientId"] = "",
            ["Form.Secret"] = adminKey,
            ["Form.ReturnUrl"] = "/",
        });
        using var signedIn = await client.PostAsync(new Uri("signin", UriKind.Relative), form, TestContext.Current.CancellationToken);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signedIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("<h1>Applications</h1>");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
