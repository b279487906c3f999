using System.Net;
using System.Text.Json.Nodes;
using Provisio.Api.Authentication;
using Provisio.Host.Tests.Cli;

namespace Provisio.Host.Tests.Authentication;

/// <summary><c>provisio clients add|list|remove</c> against the database the served host uses.</summary>
public sealed class ClientsCommandTests : IAsyncLifetime
{
    private ServedAuthentication _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedAuthentication.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task ClientsAdd_PrintsIdAndSecretOnce_TheSecretGetsATokenAndListNeverShowsIt()
    {
        // Act
        var added = await CliRun.InProcessAsync("", "clients", "add", "nightly report", "--role", "Reader", "--json", "--database", _served.Database);
        var listed = await CliRun.InProcessAsync("", "clients", "list", "--json", "--database", _served.Database);

        // Assert
        added.ExitCode.ShouldBe(0, added.Error);
        var client = JsonNode.Parse(added.Out)!.AsObject();
        var clientId = client["clientId"]!.GetValue<string>();
        var secret = client["clientSecret"]!.GetValue<string>();
        client["role"]!.GetValue<string>().ShouldBe("Reader");
        listed.ExitCode.ShouldBe(0);
        listed.Out.ShouldContain(clientId);
        listed.Out.ShouldNotContain(secret);
        listed.Out.ShouldNotContain("secret", Case.Insensitive);
        var (status, body, _) = await _served.RequestTokenAsync(ServedAuthentication.ClientCredentials(clientId, secret));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task ClientsRemove_ByAnotherProcess_TokensRefusedOnceTheCopyIsRefreshed()
    {
        // Arrange
        var token = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);

        // Act
        var removed = await CliRun.InProcessAsync("", "clients", "remove", _served.Reader.ClientId, "--database", _served.Database);
        var again = await CliRun.InProcessAsync("", "clients", "remove", _served.Reader.ClientId, "--database", _served.Database);

        // Assert
        removed.ExitCode.ShouldBe(0, removed.Error);
        again.ExitCode.ShouldBe(1);
        _served.Time.Advance(ApiClientRegistry.CacheLifetime);
        using var response = await _served.SendAsync(HttpMethod.Get, "/v1.0/users", token);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var (status, _, _) = await _served.RequestTokenAsync(ServedAuthentication.ClientCredentials(_served.Reader.ClientId, _served.ReaderSecret));
        status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ClientsAdd_UnknownRole_Exit2()
    {
        // Act
        var added = await CliRun.InProcessAsync("", "clients", "add", "tool", "--role", "Owner", "--database", _served.Database);

        // Assert
        added.ExitCode.ShouldBe(2);
    }
}
