namespace Provisio.Host.Tests.Cli;

/// <summary><c>provisio diagnose</c>: its options and exit code 2 (the reports themselves are checked against a served job in JobDiagnosisTests).</summary>
public sealed class DiagnoseCommandTests
{
    [Fact]
    public async Task Diagnose_UnknownJob_ExitsTwoNamingIt()
    {
        // Arrange
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-diagnose-").FullName;
        try
        {
            // Act
            var result = await CliRun.InProcessAsync("", "diagnose", "scim.0123456789abcdef0123456789abcdef", "--database", $"sqlite:{Path.Combine(folder, "p.db")}");

            // Assert
            result.ExitCode.ShouldBe(2);
            result.Error.ShouldContain("scim.0123456789abcdef0123456789abcdef");
            result.Out.ShouldBeEmpty();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Diagnose_UnusableDatabase_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("", "diagnose", "scim.1", "--database", "mysql:somewhere");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Provisio:Database");
    }

    [Theory]
    [InlineData("diagnose")]
    [InlineData("diagnose", "scim.1", "--unknown")]
    [InlineData("diagnose", "scim.1", "scim.2")]
    public async Task Diagnose_BadArguments_ExitsTwo(params string[] args)
    {
        var result = await CliRun.InProcessAsync("", args);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldNotBeEmpty();
    }
}
