using System.Text;
using Provisio.Api.Synchronization;
using Provisio.Synchronization.Logs;

namespace Provisio.Api.Tests.Synchronization;

/// <summary>The CSV rows of the provisioning-log export (RFC 4180).</summary>
public sealed class ProvisioningLogExportTests
{
    private static ProvisioningObjectSummary Entry(string? sourceName, string? reason) => new()
    {
        Id = "l1",
        ActivityDateTime = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234500),
        ChangeId = "ch1",
        CycleId = "cy1",
        JobId = "scim.1",
        DurationInMilliseconds = 42,
        ProvisioningAction = ProvisioningAction.StagedDelete,
        ProvisioningStatusInfo = new ProvisioningStatusInfo
        {
            Status = ProvisioningResult.Failure,
            ErrorInformation = new ProvisioningErrorInfo { ErrorCode = "EntryConflict", Reason = reason },
        },
        ServicePrincipal = new ProvisioningServicePrincipal(Guid.Empty.ToString(), "Contoso"),
        SourceIdentity = new ProvisionedIdentity { Id = "s1", DisplayName = sourceName },
        TargetIdentity = new ProvisionedIdentity(),
    };

    [Fact]
    public void Row_PlainValues_Unquoted_EmptyForNull()
    {
        var line = new StringBuilder();

        ProvisioningLogExport.Row(line, Entry("Ana", null));

        line.ToString().ShouldBe("2026-03-04T05:06:07.12345Z,scim.1,cy1,ch1,stagedDelete,failure,EntryConflict,,s1,Ana,,,42\r\n");
    }

    [Fact]
    public void Row_CommaQuoteAndLineBreaks_QuotedWithQuotesDoubled()
    {
        var line = new StringBuilder();

        ProvisioningLogExport.Row(line, Entry("Souza, Ana \"Nina\"", "line one\r\nline two\nthree"));

        line.ToString().ShouldBe(
            "2026-03-04T05:06:07.12345Z,scim.1,cy1,ch1,stagedDelete,failure,EntryConflict,\"line one\r\nline two\nthree\",s1,\"Souza, Ana \"\"Nina\"\"\",,,42\r\n");
    }

    [Fact]
    public void CsvColumns_TheIssuesOrder() =>
        string.Join(',', ProvisioningLogExport.CsvColumns).ShouldBe(
            "activityDateTime,jobId,cycleId,changeId,provisioningAction,status,errorCode,errorReason,sourceId,sourceDisplayName,targetId,targetDisplayName,durationInMilliseconds");
}
