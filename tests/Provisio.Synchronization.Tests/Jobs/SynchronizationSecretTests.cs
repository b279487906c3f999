using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Tests.Jobs;

/// <summary>
/// Secrets are Graph's <c>synchronizationSecretKeyStringValuePair</c>s (reference entra-engine-and-api §1.16, §6.10;
/// https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationsecretkeystringvaluepair), and their
/// text never shows a value (STYLE.md §4).
/// </summary>
public sealed class SynchronizationSecretTests
{
    [Fact]
    public void Deserialize_PutSecretsBody_ReadsKeysAndValues()
    {
        // Act: the body the portal sends for a SCIM app with a bearer token
        var secrets = SynchronizationJson.Deserialize<SecretsBody>(GraphExamples.Read("synchronizationSecrets-put.json"))!.Value;

        // Assert
        secrets.Select(secret => secret.Key).ShouldBe([SynchronizationSecret.SyncNotificationSettings, SynchronizationSecret.SyncAll, SynchronizationSecret.BaseAddress, SynchronizationSecret.SecretToken]);
        secrets[0].Value.ShouldBe("{\"Enabled\":false,\"DeleteThresholdEnabled\":true,\"DeleteThresholdValue\":500}");
        secrets[3].Value.ShouldBe("s3cr3t-bearer-token");
    }

    [Fact]
    public void ToString_Secret_ShowsTheKeyAndAMaskOnly()
    {
        // Arrange
        var secret = new SynchronizationSecretKeyStringValuePair(SynchronizationSecret.SecretToken, "s3cr3t-bearer-token");

        // Act
        var text = $"{secret} in [{string.Join(", ", new[] { secret })}]";

        // Assert
        text.ShouldBe("SecretToken = ******** in [SecretToken = ********]");
        text.ShouldNotContain("s3cr3t");
    }

    [Fact]
    public void Serialize_Secret_WritesKeyByNameAndValueForTheWire() =>
        SynchronizationJson.Serialize(new SynchronizationSecretKeyStringValuePair(SynchronizationSecret.BaseAddress, "https://scim.example.com/scim/v2"))
            .ShouldBe("""{"key":"BaseAddress","value":"https://scim.example.com/scim/v2"}""");

    [Fact]
    public void SynchronizationSecret_HasGraphsFortyFiveKeys()
    {
        // Assert: reference §6.10 lists 45 values, None first and ConnectionString last
        var names = Enum.GetNames<SynchronizationSecret>();
        names.Length.ShouldBe(45);
        names[0].ShouldBe("None");
        names[^1].ShouldBe("ConnectionString");
        names.ShouldContain("SkipOutOfScopeDeletions");
        names.ShouldContain("Oauth2ClientSecret");
    }

    private sealed record SecretsBody(IReadOnlyList<SynchronizationSecretKeyStringValuePair> Value);
}
