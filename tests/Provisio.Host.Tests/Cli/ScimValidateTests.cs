using System.Text.Json.Nodes;
using Provisio.Scim.Server;

namespace Provisio.Host.Tests.Cli;

/// <summary>
/// <c>provisio scim validate</c> against the reference SCIM server on a real loopback socket: clean, it passes every
/// check; each fault profile fails exactly the checks that describe that fault.
/// </summary>
public sealed class ScimValidateTests
{
    private const string Token = "validate-test-token";

    [Fact]
    public async Task Validate_ReferenceServerWithoutFaults_EveryCheckPassesAndExitsZero()
    {
        await using var server = await StartAsync([]);

        var (code, report) = await ValidateAsync(server);

        code.ShouldBe(0);
        Failed(report).ShouldBeEmpty();
        report["warnings"]!.GetValue<int>().ShouldBe(0);
        report["passed"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(25);
        report["checks"]!.AsArray().Select(check => check!["id"]!.GetValue<string>()).ShouldBeUnique();
    }

    [Fact]
    public async Task Validate_AfterRun_DeletesEverythingItCreated()
    {
        await using var server = await StartAsync([]);

        await ValidateAsync(server);

        server.GetUsers().ShouldBeEmpty();
        server.GetGroups().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not-found-for-empty-query", new[] { "connection.empty-query", "user.filter.none" })]
    [InlineData("ignore-filter", new[] { "user.filter.none" })]
    [InlineData("members-in-group-query", new[] { "group.filter.displayName" })]
    [InlineData("require-attribute:employeeNumber", new[] { "user.create" })]
    [InlineData("invalid-credentials", new[] { "connection.empty-query" })]
    [InlineData("throttle:3", new string[0])]
    [InlineData("slow:20", new string[0])]
    public async Task Validate_FaultProfile_FailsExactlyTheChecksForThatFault(string profile, string[] expected)
    {
        await using var server = await StartAsync([profile]);

        var (code, report) = await ValidateAsync(server);

        Failed(report).ShouldBe(expected, ignoreOrder: true);
        code.ShouldBe(expected.Length == 0 ? 0 : 1);
    }

    [Fact]
    public async Task Validate_NoPatch_EveryPatchCheckFailsAndNothingElse()
    {
        await using var server = await StartAsync(["no-patch"]);

        var (_, report) = await ValidateAsync(server);

        var failed = Failed(report);
        failed.ShouldContain("user.patch.replace");
        failed.ShouldContain("user.patch.disable");
        failed.ShouldContain("user.manager");
        failed.ShouldContain("group.members.add");
        failed.ShouldAllBe(id => id.StartsWith("user.patch", StringComparison.Ordinal) || id == "user.manager" || id.StartsWith("group.members", StringComparison.Ordinal));
        Check(report, "user.patch.replace")["message"]!.GetValue<string>().ShouldStartWith("SystemForCrossDomainIdentityManagementServiceIncompatible");
        Check(report, "user.create")["status"]!.GetValue<string>().ShouldBe("pass");
    }

    [Theory]
    [InlineData("wrong-content-type", "SystemForCrossDomainIdentityManagementBadResponse",
        new[] { "connection.empty-query", "user.create", "group.create", "response.content-type" })]
    [InlineData("bad-json", "SystemForCrossDomainIdentityManagementServiceIncompatible",
        new[] { "connection.empty-query", "user.create", "group.create" })]
    public async Task Validate_NonScimAnswers_FailWithEntrasCodeAndTheRestIsSkipped(string profile, string code, string[] expected)
    {
        await using var server = await StartAsync([profile]);

        var (exit, report) = await ValidateAsync(server);

        exit.ShouldBe(1);
        Check(report, "connection.empty-query")["message"]!.GetValue<string>().ShouldStartWith(code);
        Failed(report).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task Validate_TargetNeverAnswers_ConnectionFailsWithTimeoutAndTheRestIsSkipped()
    {
        await using var server = await StartAsync(["timeout"]);

        var (exit, report) = await ValidateAsync(server, "--timeout", "1");

        exit.ShouldBe(1);
        Failed(report).ShouldBe(["connection.empty-query"]);
        Check(report, "connection.empty-query")["message"]!.GetValue<string>().ShouldStartWith("Timeout");
        report["skipped"]!.GetValue<int>().ShouldBe(report["checks"]!.AsArray().Count - 1);
    }

    [Fact]
    public async Task Validate_InvalidCredentials_SaysSoWithTheFix()
    {
        await using var server = await StartAsync(["invalid-credentials"]);

        var (_, report) = await ValidateAsync(server);

        var message = Check(report, "connection.empty-query")["message"]!.GetValue<string>();
        message.ShouldStartWith("SystemForCrossDomainIdentityManagementCredentialsInvalid (HTTP 401)");
        message.ShouldContain("Test Connection");
    }

    [Fact]
    public async Task Validate_UnreachableUrl_ReportsItWithoutStackTrace()
    {
        var outcome = await CliRun.InProcessAsync("", "scim", "validate", "--url", "http://127.0.0.1:9/scim", "--token", "x", "--json");

        outcome.ExitCode.ShouldBe(1);
        outcome.Error.ShouldBeEmpty();
        var report = JsonNode.Parse(outcome.Out)!.AsObject();
        Check(report, "connection.empty-query")["message"]!.GetValue<string>().ShouldStartWith("SystemForCrossDomainIdentityManagementEndpointUnreachable");
    }

    [Fact]
    public async Task Validate_MalformedUrl_ExitsTwoWithMessage()
    {
        var outcome = await CliRun.InProcessAsync("", "scim", "validate", "--url", "not a url", "--token", "x");

        outcome.ExitCode.ShouldBe(2);
        outcome.Error.ShouldContain("--url");
    }

    [Fact]
    public async Task Validate_HumanForm_PrintsTableAndSummary()
    {
        await using var server = await StartAsync(["ignore-filter"]);

        var outcome = await CliRun.InProcessAsync("", "scim", "validate", "--url", server.ScimAddress.ToString(), "--token", Token);

        outcome.ExitCode.ShouldBe(1);
        outcome.Out.ShouldContain("FAIL  user.filter.none");
        outcome.Out.ShouldContain("Consequence:");
        outcome.Out.ShouldContain("1 failed");
    }

    private static async Task<ScimServer> StartAsync(string[] faults)
    {
        var server = ScimServer.Create(new ScimServerOptions { Token = Token, Faults = faults, FaultSeed = 7 }, ["http://127.0.0.1:0"]);
        await server.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    private static async Task<(int Code, JsonObject Report)> ValidateAsync(ScimServer server, params string[] extra)
    {
        var outcome = await CliRun.InProcessAsync("", ["scim", "validate", "--url", server.ScimAddress.ToString(), "--token", Token, "--json", .. extra]);
        outcome.Error.ShouldBeEmpty();
        return (outcome.ExitCode, JsonNode.Parse(outcome.Out)!.AsObject());
    }

    private static string[] Failed(JsonObject report) =>
        [.. report["checks"]!.AsArray().Where(check => check!["status"]!.GetValue<string>() == "fail").Select(check => check!["id"]!.GetValue<string>())];

    private static JsonObject Check(JsonObject report, string id) =>
        report["checks"]!.AsArray().Single(check => check!["id"]!.GetValue<string>() == id)!.AsObject();
}
