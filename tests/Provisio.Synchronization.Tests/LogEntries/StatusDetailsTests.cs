using System.Text.Json.Nodes;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Tests.LogEntries;

/// <summary>
/// A log entry also carries beta's deprecated <c>statusInfo</c> (statusBase, or statusDetails with the error; reference
/// entra-engine-and-api §7.1), which older scripts read beside <c>provisioningStatusInfo</c>.
/// </summary>
public sealed class StatusDetailsTests
{
    [Fact]
    public void From_Success_IsAStatusBase()
    {
        // Act
        var json = JsonNode.Parse(SynchronizationJson.Serialize(StatusDetails.From(new ProvisioningStatusInfo { Status = ProvisioningResult.Success })));

        // Assert
        json!.ToJsonString().ShouldBe("""{"@odata.type":"#microsoft.graph.statusBase","status":"success"}""");
    }

    [Fact]
    public void From_Failure_IsAStatusDetailsWithTheError()
    {
        // Arrange
        var info = new ProvisioningStatusInfo
        {
            Status = ProvisioningResult.Failure,
            ErrorInformation = new ProvisioningErrorInfo
            {
                ErrorCode = "EntryConflict",
                Reason = "A user with this userName exists.",
                RecommendedAction = "Fix the matching attribute.",
                ErrorCategory = ProvisioningErrorCategory.NonServiceFailure,
            },
        };

        // Act
        var json = JsonNode.Parse(SynchronizationJson.Serialize(StatusDetails.From(info)))!;

        // Assert
        json["@odata.type"]!.GetValue<string>().ShouldBe("#microsoft.graph.statusDetails");
        json["status"]!.GetValue<string>().ShouldBe("failure");
        json["errorCode"]!.GetValue<string>().ShouldBe("EntryConflict");
        json["reason"]!.GetValue<string>().ShouldBe("A user with this userName exists.");
        json["recommendedAction"]!.GetValue<string>().ShouldBe("Fix the matching attribute.");
        json["errorCategory"]!.GetValue<string>().ShouldBe("nonServiceFailure");
    }
}
