using Provisio.Host.Tests.Demo;

namespace Provisio.Host.Tests.Cli;

/// <summary>
/// <c>provisio demo</c> (issue 9 §3): the service, the bundled SCIM target and a generated directory, provisioned by the
/// first cycle; the addresses and admin key printed; a second run reuses the data; cancelling stops it; an unknown
/// scenario is refused. The assignments and the troubleshooting scenario have their own classes under Demo/.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-demo-").FullName;

    [Fact]
    public async Task Demo_ProvisionsTheGeneratedDirectory_PrintsTheKey_AndASecondRunReusesIt()
    {
        // Arrange
        var database = $"sqlite:{Path.Combine(_folder, "provisio-demo.db")}";

        // Act
        var first = await DemoSession.RunUntilReadyAsync(database, "--users", "120", "--groups", "6");
        var second = await DemoSession.RunUntilReadyAsync(database, "--users", "120", "--groups", "6");

        // Assert: the first run generated, provisioned (the assigned users: all but a handful of 5, and 3 groups) and printed
        first.Output.ShouldContain("Generating a directory of 120 users and 6 groups");
        first.Output.ShouldContain("Initial cycle Succeeded");
        first.Output.ShouldContain("115 users, 3 groups");
        var lines = first.Output.Split('\n');
        var running = Array.FindIndex(lines, line => line.StartsWith("Provisio demo is running on ", StringComparison.Ordinal));
        var baseUrl = lines[running]["Provisio demo is running on ".Length..];
        lines[running + 1].ShouldBe($"  Portal:      {baseUrl}/   (sign in with the admin key)");
        first.Status["code"]!.GetValue<string>().ShouldBe("Active");
        first.Status["lastExecution"]!["state"]!.GetValue<string>().ShouldBe("Succeeded");
        first.Applications.ShouldBeEmpty();
        first.ExitCode.ShouldBe(0, first.Error);

        // Assert: the second run reused the directory, the job, the target's accounts and the key
        second.Output.ShouldNotContain("Generating");
        second.Output.ShouldNotContain("Initial cycle");
        second.Output.ShouldContain("115 users, 3 groups");
        second.Key.ShouldBe(first.Key);
        second.Job.ShouldBe(first.Job);
        second.ExitCode.ShouldBe(0, second.Error);
    }

    [Theory]
    [InlineData("broken")]
    [InlineData("")]
    public async Task Demo_UnknownScenario_ExitsTwoNamingTheKnownOnes(string scenario)
    {
        // Act
        var result = await CliRun.InProcessAsync("", "demo", "--scenario", scenario, "--database", $"sqlite:{Path.Combine(_folder, "p.db")}");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"Unknown --scenario '{scenario}'");
        result.Error.ShouldContain("healthy, troubleshooting");
        result.Out.ShouldBeEmpty();
        File.Exists(Path.Combine(_folder, "p.db")).ShouldBeFalse();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // still open on the way out
        }
    }
}
