using System.Text;
using System.Text.Json;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Storage;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>
/// The log record is written member by member for speed; the stores read it back with the serializer, and the API
/// returns what they read, so it must be byte for byte what <see cref="SynchronizationJson.Serialize{T}"/> writes.
/// </summary>
public sealed class ProvisioningLogRecordWriterTests
{
    public static TheoryData<int> Cases => [.. Enumerable.Range(0, Logs().Count)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_AnyEntry_IsWhatTheSerializerWrites(int index)
    {
        var log = Logs()[index];

        Written(log).ShouldBe(SynchronizationJson.Serialize(log));
    }

    [Fact]
    public void Write_EveryEnumValue_IsWhatTheSerializerWrites()
    {
        var template = Logs()[0];
        foreach (var action in Enum.GetValues<ProvisioningAction>())
        {
            foreach (var result in Enum.GetValues<ProvisioningResult>())
            {
                foreach (var category in Enum.GetValues<ProvisioningErrorCategory>())
                {
                    var log = template with
                    {
                        ProvisioningAction = action,
                        ProvisioningStatusInfo = new ProvisioningStatusInfo { Status = result, ErrorInformation = new ProvisioningErrorInfo { ErrorCategory = category, ErrorCode = "X" } },
                        ProvisioningSteps = [.. Enum.GetValues<ProvisioningStepType>().Select(type => new ProvisioningStep { Name = "Step", ProvisioningStepType = type, Status = result })],
                        InitiatedBy = new Initiator { Id = "i", DisplayName = "d", InitiatorType = (InitiatorType)((int)action % 4) },
                    };
                    Written(log).ShouldBe(SynchronizationJson.Serialize(log));
                }
            }
        }
    }

    [Fact]
    public void Write_EnumValueWithoutGraphName_BehavesAsTheSerializer()
    {
        var log = Logs()[0] with { ProvisioningAction = (ProvisioningAction)42 };

        var serialized = Record.Exception(() => SynchronizationJson.Serialize(log));
        var written = Record.Exception(() => Written(log));

        written?.GetType().ShouldBe(serialized?.GetType());
        if (serialized is null)
        {
            Written(log).ShouldBe(SynchronizationJson.Serialize(log));
        }
    }

    private static string Written(ProvisioningObjectSummary log)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SynchronizationJson.Options.Encoder }))
        {
            ProvisioningLogRecordWriter.Write(writer, log);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<ProvisioningObjectSummary> Logs()
    {
        var when = new DateTimeOffset(2026, 12, 1, 17, 30, 5, 123, TimeSpan.Zero).AddTicks(4567);
        var created = new ProvisioningObjectSummary
        {
            Id = "0193f3a0-0000-7000-8000-000000000001",
            ActivityDateTime = when,
            ChangeId = "c1",
            CycleId = "cycle-1",
            JobId = "scim.abc.def",
            DurationInMilliseconds = 17,
            ModifiedProperties = [new("userName", null, "ana@contoso.com"), new("active", "False", "True"), new("password", ModifiedProperty.Redacted, ModifiedProperty.Redacted)],
            ProvisioningAction = ProvisioningAction.Create,
            ProvisioningStatusInfo = new ProvisioningStatusInfo { Status = ProvisioningResult.Success },
            ProvisioningSteps =
            [
                new() { Name = "EntryImport", ProvisioningStepType = ProvisioningStepType.Import, Status = ProvisioningResult.Success, Description = "Retrieved User 'ana@contoso.com' from Azure Active Directory",
                    Details = new Dictionary<string, string> { ["userPrincipalName"] = "ana@contoso.com", ["displayName"] = "Ana \"Souza\" <ana> & 'co'" } },
                new() { Name = "EntryExportAdd", ProvisioningStepType = ProvisioningStepType.Export, Status = ProvisioningResult.Success, Description = null },
            ],
            ServicePrincipal = new ProvisioningServicePrincipal("sp-1", "Contoso SCIM"),
            SourceIdentity = new ProvisionedIdentity { Id = "u-1", DisplayName = "ana@contoso.com", IdentityType = "User" },
            SourceSystem = new ProvisioningSystem { Id = "src", DisplayName = "Azure Active Directory" },
            TargetIdentity = new ProvisionedIdentity { Id = "t-1", DisplayName = "ana@contoso.com", IdentityType = "urn:ietf:params:scim:schemas:core:2.0:User" },
            TargetSystem = new ProvisioningSystem { Id = "sp-1", DisplayName = "Contoso SCIM", Details = new Dictionary<string, string> { ["ServicePrincipalId"] = "sp-1" } },
        };
        var failed = created with
        {
            ActivityDateTime = DateTimeOffset.MinValue,
            DurationInMilliseconds = int.MaxValue,
            ProvisioningAction = ProvisioningAction.Update,
            ProvisioningStatusInfo = new ProvisioningStatusInfo
            {
                Status = ProvisioningResult.Failure,
                ErrorInformation = new ProvisioningErrorInfo
                {
                    AdditionalDetails = "HTTP 400",
                    ErrorCategory = ProvisioningErrorCategory.Failure,
                    ErrorCode = "SystemForCrossDomainIdentityManagementBadResponse",
                    Reason = "The target said:\n\t\"no\" \u0001 \u2028 ünïcødé 😀 \\ /",
                    RecommendedAction = "Retry.",
                },
            },
            TenantId = "tenant-1",
            InitiatedBy = new Initiator { Id = "admin", DisplayName = null, InitiatorType = InitiatorType.User },
        };
        var skipped = created with
        {
            ActivityDateTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(5)),
            ModifiedProperties = [],
            ProvisioningSteps = [],
            ProvisioningAction = ProvisioningAction.Other,
            ProvisioningStatusInfo = new ProvisioningStatusInfo
            {
                Status = ProvisioningResult.Skipped,
                ErrorInformation = new ProvisioningErrorInfo { ErrorCode = "RedundantExport", Reason = "already match" },
            },
            SourceSystem = null,
            TargetSystem = null,
            SourceIdentity = new ProvisionedIdentity { Id = null, DisplayName = null, IdentityType = null, Details = new Dictionary<string, string> { [""] = "", ["k\"ey"] = null! } },
        };
        var staged = skipped with { ProvisioningAction = ProvisioningAction.StagedDelete, ProvisioningStatusInfo = new ProvisioningStatusInfo { Status = ProvisioningResult.Warning, ErrorInformation = new ProvisioningErrorInfo() } };
        return [created, failed, skipped, staged];
    }
}
