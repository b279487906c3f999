using Provisio.Scim.Server.Faults;

namespace Provisio.Scim.Server.Tests;

/// <summary>The <c>--faults PROFILE[,PROFILE...]|FILE</c> argument and the profile grammar <c>name[:value]</c>.</summary>
public sealed class FaultArgumentTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"provisio-faults-{Guid.NewGuid():N}.json");

    [Fact]
    public void TryReadArgument_CommaList_ReadsEachProfile()
    {
        // Act
        var ok = ScimFaults.TryReadArgument("throttle:10, flaky:0.2,slow:200,require-attribute:urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            out var profiles, out var error);

        // Assert
        ok.ShouldBeTrue(error);
        profiles.ShouldBe(["throttle:10", "flaky:0.2", "slow:200", "require-attribute:urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"]);
    }

    [Fact]
    public void TryReadArgument_JsonFile_ReadsItsProfiles()
    {
        // Arrange
        File.WriteAllText(_file, """{"profiles":["invalid-credentials","throttle:10"]}""");

        // Act
        var ok = ScimFaults.TryReadArgument(_file, out var profiles, out var error);

        // Assert
        ok.ShouldBeTrue(error);
        profiles.ShouldBe(["invalid-credentials", "throttle:10"]);
    }

    [Theory]
    [InlineData("""{"profiles":["explode"]}""", "unknown fault profile \"explode\"")]
    [InlineData("""{"faults":[]}""", "must hold {\"profiles\":[...]}")]
    [InlineData("""{"profiles":[""", "is not valid JSON")]
    public void TryReadArgument_BadJsonFile_SaysWhy(string content, string expected)
    {
        // Arrange
        File.WriteAllText(_file, content);

        // Act
        var ok = ScimFaults.TryReadArgument(_file, out _, out var error);

        // Assert
        ok.ShouldBeFalse();
        error!.ShouldContain(expected);
    }

    [Fact]
    public void TryReadArgument_MissingJsonFile_SaysItDoesNotExist()
    {
        // Act
        var ok = ScimFaults.TryReadArgument("/nonexistent/faults.json", out _, out var error);

        // Assert
        ok.ShouldBeFalse();
        error.ShouldBe("the fault file \"/nonexistent/faults.json\" does not exist; pass an existing JSON file {\"profiles\":[...]} or a comma list of profiles.");
    }

    [Theory]
    [InlineData("not-found-for-empty-query")]
    [InlineData("NO-PATCH")]
    [InlineData("wrong-content-type")]
    [InlineData("ignore-filter")]
    [InlineData("throttle:1")]
    [InlineData("flaky:0")]
    [InlineData("flaky:1")]
    [InlineData("flaky:0.25")]
    [InlineData("slow:0")]
    [InlineData("timeout")]
    [InlineData("bad-json")]
    [InlineData("require-attribute:name.givenName")]
    [InlineData("require-attribute:emails[type eq \"work\"].value")]
    [InlineData("invalid-credentials")]
    [InlineData("members-in-group-query")]
    public void Parse_KnownProfiles_Accepted(string text)
    {
        // Act
        var (profile, error) = FaultProfile.Parse(text);

        // Assert
        error.ShouldBeNull();
        profile!.ToString().ShouldBe(text.StartsWith("NO", StringComparison.Ordinal) ? "no-patch" : text);
    }

    [Theory]
    [InlineData("throttle", "fault profile \"throttle\" needs a whole number N of 1 or more, as in \"throttle:10\" (every 10th request gets 429).")]
    [InlineData("throttle:-1", "fault profile \"throttle:-1\" needs a whole number N of 1 or more, as in \"throttle:10\" (every 10th request gets 429).")]
    [InlineData("flaky:1.5", "fault profile \"flaky:1.5\" needs a probability P between 0 and 1, as in \"flaky:0.2\".")]
    [InlineData("slow:fast", "fault profile \"slow:fast\" needs a whole number of milliseconds, as in \"slow:200\".")]
    [InlineData("timeout:5", "fault profile \"timeout\" takes no parameter; write it as \"timeout\".")]
    [InlineData("require-attribute:a b", "fault profile \"require-attribute:a b\" needs an attribute path, as in \"require-attribute:employeeNumber\" or \"require-attribute:urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber\".")]
    [InlineData("", "unknown fault profile \"\". Known profiles: not-found-for-empty-query, no-patch, wrong-content-type, ignore-filter, throttle:N, flaky:P, slow:MS, timeout, bad-json, require-attribute:NAME, invalid-credentials, members-in-group-query, oauth-revoked.")]
    public void Parse_BadProfiles_PinnedMessages(string text, string expected)
    {
        // Act
        var (profile, error) = FaultProfile.Parse(text);

        // Assert
        profile.ShouldBeNull();
        error.ShouldBe(expected);
    }

    [Fact]
    public void Validate_Options_NamesEachProblem()
    {
        // Arrange
        var options = new ScimServerOptions { Token = " ", MaxResults = 0, RequestLogCapacity = -1, SaveInterval = TimeSpan.FromSeconds(-1), DataFile = "" };

        // Act
        var errors = options.Validate();

        // Assert
        errors.Count.ShouldBe(5);
        errors[0].ShouldStartWith("Token is empty");
        errors.ShouldContain(error => error.StartsWith("MaxResults", StringComparison.Ordinal));
        errors.ShouldContain(error => error.StartsWith("DataFile", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (File.Exists(_file))
        {
            File.Delete(_file);
        }
    }
}
