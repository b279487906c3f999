using System.Text.Json.Nodes;
using Provisio.Host.Cli;
using Provisio.Scim.Client;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Storage.Sqlite;

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

    [Fact]
    public async Task Logs_Preset_PrintsOnlyItsEntries_WithJobSinceTopAndJson()
    {
        // Arrange: two jobs' logs, old and recent, of every kind the duplicate-users and users-skipped presets tell apart
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-logs-").FullName;
        var database = $"sqlite:{Path.Combine(folder, "p.db")}";
        var now = DateTimeOffset.UtcNow;
        try
        {
            await using (var store = new SqliteSynchronizationStore(Path.Combine(folder, "p.db")))
            {
                await store.InitializeAsync(TestContext.Current.CancellationToken);
                var write = new SynchronizationWrite();
                write.Logs.AddRange(
                [
                    Entry("conflict-old", "scim.a", now.AddHours(-3), ProvisioningResult.Failure, ScimErrorCodes.EntryConflict),
                    Entry("conflict-new", "scim.a", now.AddMinutes(-10), ProvisioningResult.Failure, ScimErrorCodes.EntryConflict),
                    Entry("multiple", "scim.a", now.AddMinutes(-9), ProvisioningResult.Failure, ScimErrorCodes.MultipleEntriesInResponse),
                    Entry("missing", "scim.a", now.AddMinutes(-8), ProvisioningResult.Failure, ScimErrorCodes.MandatoryFieldsMissing),
                    Entry("skipped-1", "scim.a", now.AddMinutes(-7), ProvisioningResult.Skipped, ProvisioningErrorCodes.EntrySynchronizationSkipped),
                    Entry("skipped-2", "scim.a", now.AddMinutes(-6), ProvisioningResult.Skipped, ProvisioningErrorCodes.ImportSkipped),
                    Entry("unchanged", "scim.a", now.AddMinutes(-5), ProvisioningResult.Skipped, ProvisioningErrorCodes.RedundantExport),
                    Entry("conflict-b", "scim.b", now.AddMinutes(-4), ProvisioningResult.Failure, ScimErrorCodes.EntryConflict),
                ]);
                await store.WriteAsync("scim.a", write, TestContext.Current.CancellationToken);
            }

            // Act
            var duplicates = await CliRun.InProcessAsync("", "logs", "--preset", ProvisioningLogPresets.DuplicateUsers, "--job", "scim.a", "--json", "--database", database);
            var recent = await CliRun.InProcessAsync("", "logs", "--preset", ProvisioningLogPresets.DuplicateUsers, "--since", "1h", "--database", database);
            var skipped = await CliRun.InProcessAsync("", "logs", "--preset", ProvisioningLogPresets.UsersSkipped, "--top", "1", "--database", database);

            // Assert
            duplicates.ExitCode.ShouldBe(0, duplicates.Error);
            Ids(duplicates.Out).ShouldBe(["multiple", "conflict-new", "conflict-old"]);
            recent.ExitCode.ShouldBe(0, recent.Error);
            var lines = recent.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(3, recent.Out);
            lines[0].ShouldEndWith($"User conflict-b (source-conflict-b)  {ScimErrorCodes.EntryConflict}");
            lines[1].ShouldContain("(source-multiple)");
            lines[2].ShouldContain("(source-conflict-new)");
            skipped.ExitCode.ShouldBe(0, skipped.Error);
            skipped.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldContain("(source-skipped-2)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Logs_UnknownPreset_ExitsTwoListingThePresets()
    {
        var result = await CliRun.InProcessAsync("", "logs", "--preset", "users-gone", "--database", "sqlite:never-opened.db");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldContain("'users-gone'");
        foreach (var name in ProvisioningLogPresets.Names)
        {
            result.Error.ShouldContain(name);
        }

        File.Exists("never-opened.db").ShouldBeFalse("the preset is checked before the database is opened");
    }

    private static List<string> Ids(string jsonLines) =>
        [.. jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!["id"]!.GetValue<string>())];

    private static ProvisioningObjectSummary Entry(string id, string job, DateTimeOffset time, ProvisioningResult status, string code) => new()
    {
        Id = id,
        ActivityDateTime = time,
        ChangeId = $"change-{id}",
        CycleId = "cycle-1",
        JobId = job,
        ProvisioningAction = status == ProvisioningResult.Failure ? ProvisioningAction.Create : ProvisioningAction.Other,
        ProvisioningStatusInfo = new ProvisioningStatusInfo { Status = status, ErrorInformation = new ProvisioningErrorInfo { ErrorCode = code } },
        ServicePrincipal = new ProvisioningServicePrincipal(Guid.NewGuid().ToString(), "Contoso SCIM"),
        SourceIdentity = new ProvisionedIdentity { Id = $"source-{id}", DisplayName = $"User {id}", IdentityType = "User" },
        TargetIdentity = new ProvisionedIdentity(),
    };
}
