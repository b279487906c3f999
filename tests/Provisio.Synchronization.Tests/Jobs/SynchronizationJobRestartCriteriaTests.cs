using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Tests.Jobs;

/// <summary>
/// <c>resetScope</c> is a comma-separated combination of Graph's values, or empty for the portal's "Restart
/// provisioning" (reference entra-engine-and-api §6.8; https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationjobrestartcriteria).
/// </summary>
public sealed class SynchronizationJobRestartCriteriaTests
{
    [Fact]
    public void Deserialize_GraphRestartExample_ReadsThreeScopes()
    {
        // Arrange: POST .../restart {"criteria":{"resetScope":"Watermark, Escrows, QuarantineState"}}
        var body = SynchronizationJson.Deserialize<RestartBody>(GraphExamples.Read("synchronizationJob-restart.json"))!;

        // Act
        var scope = body.Criteria.ResetScope;

        // Assert
        scope.ShouldBe(SynchronizationJobRestartScope.Watermark | SynchronizationJobRestartScope.Escrows | SynchronizationJobRestartScope.QuarantineState);
    }

    [Theory]
    [InlineData("""{"resetScope":""}""")]
    [InlineData("""{"resetScope":null}""")]
    [InlineData("""{}""")]
    public void EffectiveScope_EmptyScope_IsQuarantineStateWatermarkAndEscrows(string json)
    {
        // Act
        var criteria = SynchronizationJson.Deserialize<SynchronizationJobRestartCriteria>(json)!;

        // Assert
        criteria.ResetScope.ShouldBeNull();
        criteria.EffectiveScope.ShouldBe(SynchronizationJobRestartScope.QuarantineState | SynchronizationJobRestartScope.Watermark | SynchronizationJobRestartScope.Escrows);
    }

    [Theory]
    [InlineData(SynchronizationJobRestartScope.Full, "Full")]
    [InlineData(SynchronizationJobRestartScope.ForceDeletes, "ForceDeletes")]
    [InlineData(SynchronizationJobRestartScope.None, "None")]
    [InlineData(SynchronizationJobRestartScope.Escrows | SynchronizationJobRestartScope.Watermark, "Escrows, Watermark")]
    [InlineData(SynchronizationJobRestartScope.Full | SynchronizationJobRestartScope.ForceDeletes, "Full, ForceDeletes")]
    public void Serialize_Scope_WritesCommaSeparatedNames(SynchronizationJobRestartScope scope, string expected) =>
        SynchronizationJson.Serialize(new SynchronizationJobRestartCriteria { ResetScope = scope }).ShouldBe($$"""{"resetScope":"{{expected}}"}""");

    [Fact]
    public void Deserialize_Full_IncludesTheConnectorDataStoreButNotForceDeletes()
    {
        // Act
        var scope = SynchronizationJson.Deserialize<SynchronizationJobRestartCriteria>("""{"resetScope":"Full"}""")!.EffectiveScope;

        // Assert: reference §1.13
        scope.HasFlag(SynchronizationJobRestartScope.ConnectorDataStore).ShouldBeTrue();
        scope.HasFlag(SynchronizationJobRestartScope.QuarantineState).ShouldBeTrue();
        scope.HasFlag(SynchronizationJobRestartScope.ForceDeletes).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Quarantine", SynchronizationJobRestartScope.QuarantineState)]
    [InlineData("quarantinestate", SynchronizationJobRestartScope.QuarantineState)]
    [InlineData("ForceDeletes", SynchronizationJobRestartScope.ForceDeletes)]
    [InlineData("Escrows,Watermark", SynchronizationJobRestartScope.Escrows | SynchronizationJobRestartScope.Watermark)]
    [InlineData("Quarantine, Escrows", SynchronizationJobRestartScope.QuarantineState | SynchronizationJobRestartScope.Escrows)]
    public void Deserialize_SeedAndGraphSpellings_ReadTheScope(string text, SynchronizationJobRestartScope expected) =>
        SynchronizationJson.Deserialize<SynchronizationJobRestartCriteria>($$"""{"resetScope":"{{text}}"}""")!.ResetScope.ShouldBe(expected);

    [Theory]
    [InlineData("Everything")]
    [InlineData("Escrows, Bogus")]
    [InlineData("3")]
    public void Deserialize_UnknownScope_FailsNamingIt(string text)
    {
        // Act
        var error = Should.Throw<System.Text.Json.JsonException>(() => SynchronizationJson.Deserialize<SynchronizationJobRestartCriteria>($$"""{"resetScope":"{{text}}"}"""));

        // Assert
        error.Message.ShouldContain("is not a reset scope");
        error.Message.ShouldContain("ForceDeletes");
    }

    private sealed record RestartBody(SynchronizationJobRestartCriteria Criteria);
}
