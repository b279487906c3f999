using Provisio.Api.Authentication;

namespace Provisio.Api.Tests.Authentication;

public sealed class ClientSecretsTests
{
    [Fact]
    public void Hash_ThenVerify_AcceptsOnlyTheSecret()
    {
        // Arrange
        var secret = ClientSecrets.Generate();

        // Act
        var hash = ClientSecrets.Hash(secret);

        // Assert
        hash.ShouldStartWith($"pbkdf2-sha256${ClientSecrets.Iterations}$");
        hash.ShouldNotContain(secret);
        ClientSecrets.Verify(secret, hash).ShouldBeTrue();
        ClientSecrets.Verify(secret + "x", hash).ShouldBeFalse();
        ClientSecrets.Verify(secret, null).ShouldBeFalse();
        ClientSecrets.Verify(secret, "pbkdf2-sha256$1$not-base64$x").ShouldBeFalse();
    }

    [Fact]
    public void Hash_SameSecretTwice_SaltsDiffer()
    {
        // Act
        var first = ClientSecrets.Hash("same");
        var second = ClientSecrets.Hash("same");

        // Assert
        first.ShouldNotBe(second);
    }
}
