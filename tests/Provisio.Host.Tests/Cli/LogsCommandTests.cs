using Provisio.Host.Cli;
using Provisio.Synchronization.Logs;

namespace Provisio.Host.Tests.Cli;

/// <summary><c>provisio logs</c>: options and output (the records themselves are checked against a served job in RunCycleAndLogsTests).</summary>
public sealed class LogsCommandTests
{
    [Theory]
    [InlineData("--status", "broken")]
    [InlineData("--action", "rename")]
    [InlineData("--since", "1x")]
    [InlineData("--since", "-5m")]
    [InlineData("--top", "0")]
    [InlineData("--top", "many")]
    [InlineData("--unknown", "x")]
    public async Task Logs_BadOption_ExitsTwo(string option, string value)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-logs-").FullName;
        try
        {
            var result = await CliRun.InProcessAsync("", "logs", option, value, "--database", $"sqlite:{Path.Combine(folder, "p.db")}");

            result.ExitCode.ShouldBe(2);
            result.Error.ShouldNotBeEmpty();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Logs_EmptyDatabase_ExitsZeroPrintingNothing()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-logs-").FullName;
        try
        {
            var result = await CliRun.InProcessAsync("", "logs", "--json", "--database", $"sqlite:{Path.Combine(folder, "p.db")}");

            result.ExitCode.ShouldBe(0, result.Error);
            result.Out.ShouldBeEmpty();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Logs_UnusableDatabase_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("", "logs", "--database", "mysql:somewhere");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Provisio:Database");
    }

    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("1h", 3600)]
    [InlineData("2d", 2 * 86400)]
    [InlineData("45s", 45)]
    [InlineData("PT1H", 3600)]
    public void TryParseAge_Forms_Seconds(string text, int seconds)
    {
        LogsCommand.TryParseAge(text, out var age).ShouldBeTrue();
        age.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Describe_FailedEntry_TimeActionStatusIdentityAndCode()
    {
        var entry = new ProvisioningObjectSummary
        {
            Id = "e1",
            ActivityDateTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234),
            ChangeId = "c",
            CycleId = "y",
            JobId = "scim.1",
            ProvisioningAction = ProvisioningAction.Create,
            ProvisioningStatusInfo = new ProvisioningStatusInfo
            {
                Status = ProvisioningResult.Failure,
                ErrorInformation = new ProvisioningErrorInfo { ErrorCode = "EntryConflict" },
            },
            ServicePrincipal = new ProvisioningServicePrincipal("sp", null),
            SourceIdentity = new ProvisionedIdentity { Id = "u1", DisplayName = "Ana Souza" },
            TargetIdentity = new ProvisionedIdentity(),
        };

        LogsCommand.Describe(entry).ShouldBe("2026-01-02T03:04:05Z  create       failure  Ana Souza (u1)  EntryConflict");
    }
}
