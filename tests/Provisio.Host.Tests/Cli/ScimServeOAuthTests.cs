using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisio.Host.Cli;

namespace Provisio.Host.Tests.Cli;

/// <summary><c>provisio scim serve --oauth-client ID:SECRET [--oauth-token-lifetime SECONDS]</c>: the reference server's OAuth mode from the command line.</summary>
public sealed partial class ScimServeOAuthTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OAuthClient_ServesATokenEndpoint_WhoseTokensTheScimEndpointsAccept_ForTheLifetimeGiven()
    {
        // Arrange
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var serve = ProvisioCommandLine.InvokeAsync(["scim", "serve", "--urls", "http://127.0.0.1:0", "--token", "static-token", "--oauth-client", "cli-client:cli-s3cret", "--oauth-token-lifetime", "120"],
            new CommandLineConsole(TextReader.Null, stdout, stderr), stop.Token);
        var until = DateTime.UtcNow.AddSeconds(30);
        Match? listening;
        while (!(listening = TokenEndpoint().Match(stdout.ToString())).Success)
        {
            DateTime.UtcNow.ShouldBeLessThan(until, stderr.ToString());
            await Task.Delay(50, Cancellation);
        }

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, listening.Groups["token"].Value)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("cli-client:cli-s3cret")));

        // Act
        using var response = await http.SendAsync(request, Cancellation);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;
        using var users = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(listening.Groups["token"].Value), "/scim/v2/Users"));
        users.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]!.GetValue<string>());
        using var answer = await http.SendAsync(users, Cancellation);
        await stop.CancelAsync();
        var exit = await serve;

        // Assert
        response.IsSuccessStatusCode.ShouldBeTrue(token.ToJsonString());
        token["expires_in"]!.GetValue<long>().ShouldBe(120);
        answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        exit.ShouldBe(0);
        stdout.ToString().ShouldContain("OAuth client cli-client");
        stdout.ToString().ShouldNotContain("cli-s3cret");
    }

    [Theory]
    [InlineData("--oauth-client|no-colon", "--oauth-client: give the client as CLIENT_ID:CLIENT_SECRET")]
    [InlineData("--oauth-token-lifetime|60", "--oauth-token-lifetime needs --oauth-client CLIENT_ID:CLIENT_SECRET.")]
    [InlineData("--oauth-client|id:secret|--oauth-token-lifetime|0", "OAuth.AccessTokenLifetime is 00:00:00: use one second or more (--oauth-token-lifetime SECONDS).")]
    public async Task BadOAuthOptions_ExitTwoNamingTheFix(string arguments, string error)
    {
        // Act
        var outcome = await CliRun.InProcessAsync("", ["scim", "serve", "--urls", "http://127.0.0.1:0", "--token", "t", .. arguments.Split('|')]);

        // Assert
        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain(error);
    }

    [GeneratedRegex(@"OAuth client cli-client at \S+ and (?<token>http://\S+/oauth2/token)")]
    private static partial Regex TokenEndpoint();
}
