using Provisio.Api.Synchronization;
using Provisio.Scim.Client;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Pipeline;
using Provisio.Synchronization.Storage;
using Provisio.Synchronization.Storage.Sqlite;

namespace Provisio.Api.Tests.Synchronization;

/// <summary>
/// Each troubleshooting preset's Graph <c>$filter</c> (<see cref="ProvisioningLogPreset.GraphFilter"/>), as the
/// provisioning logs' API reads it, selects the same entries as the preset, over a log of every status, action, error
/// code and identity type the presets tell apart.
/// </summary>
public sealed class ProvisioningLogPresetFilterTests : IAsyncLifetime
{
    private const string Job = "scim.presets";

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-presets-").FullName;
    private SqliteSynchronizationStore _store = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> WithGraphFilter => [.. ProvisioningLogPresets.All.Where(preset => preset.GraphFilter is not null).Select(preset => preset.Name)];

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteSynchronizationStore(Path.Combine(_folder, "logs.db"));
        await _store.InitializeAsync(Cancellation);
        var write = new SynchronizationWrite();
        write.Logs.AddRange(Logs());
        await _store.WriteAsync(Job, write, Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(WithGraphFilter))]
    public async Task GraphFilter_OfTheJob_SelectsExactlyThePresetsEntries(string name)
    {
        // Arrange
        var preset = ProvisioningLogPresets.Find(name)!;
        var parsed = ProvisioningLogFilter.Parse($"jobId eq '{Job}' and ({preset.GraphFilter})");
        parsed.Succeeded.ShouldBeTrue(parsed.Error?.Message);

        // Act
        var byGraph = await _store.QueryLogsAsync(parsed.Value! with { Top = 1000 }, Cancellation);
        var byPreset = await _store.QueryLogsAsync(preset.Apply(new ProvisioningLogQuery { JobId = Job, Top = 1000 }), Cancellation);

        // Assert
        byPreset.Entries.ShouldNotBeEmpty();
        byGraph.Entries.Select(log => log.Id).ShouldBe(byPreset.Entries.Select(log => log.Id));
    }

    [Fact]
    public void GraphFilter_GivenFor_EveryPresetThatNeedsNoStep()
    {
        ProvisioningLogPresets.All.Where(preset => preset.GraphFilter is null).Select(preset => preset.Name).ShouldBe(
            [ProvisioningLogPresets.NoUsersProvisioned, ProvisioningLogPresets.JobInQuarantine, ProvisioningLogPresets.ManagerAssignmentsFailing],
            "only these select on the failed step, which Graph's $filter cannot");
    }

    /// <summary>Every status by action by error code by identity type, in this job and another.</summary>
    private static IEnumerable<ProvisioningObjectSummary> Logs()
    {
        string?[] codes =
        [
            null, ProvisioningErrorCodes.EntrySynchronizationSkipped, ProvisioningErrorCodes.ImportSkipped, ProvisioningErrorCodes.RedundantExport,
            ProvisioningErrorCodes.DeletionThresholdExceeded, ProvisioningErrorCodes.UnableToResolveReferenceAttributeValue, ScimErrorCodes.MandatoryFieldsMissing,
            AttributeMappingErrorCodes.ExpressionEvaluationFailed, AttributeMappingErrorCodes.SchemaInvalid, ScimErrorCodes.EntryConflict,
            ScimErrorCodes.MultipleEntriesInResponse, ScimErrorCodes.CredentialsInvalid, ScimErrorCodes.InternalServerError,
        ];
        ProvisioningResult[] statuses = [ProvisioningResult.Success, ProvisioningResult.Failure, ProvisioningResult.Skipped, ProvisioningResult.Warning];
        ProvisioningAction[] actions = [ProvisioningAction.Create, ProvisioningAction.Update, ProvisioningAction.Other, ProvisioningAction.StagedDelete];
        var second = 0;
        foreach (var job in new[] { Job, "scim.other" })
        {
            foreach (var status in statuses)
            {
                foreach (var action in actions)
                {
                    foreach (var code in codes)
                    {
                        foreach (var type in new[] { "User", "Group" })
                        {
                            second++;
                            var id = $"{job}-{second:D4}";
                            yield return new ProvisioningObjectSummary
                            {
                                Id = id,
                                ActivityDateTime = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(second),
                                ChangeId = id,
                                CycleId = "cycle",
                                JobId = job,
                                ProvisioningAction = action,
                                ProvisioningStatusInfo = new ProvisioningStatusInfo
                                {
                                    Status = status,
                                    ErrorInformation = code is null ? null : new ProvisioningErrorInfo { ErrorCode = code },
                                },
                                ServicePrincipal = new ProvisioningServicePrincipal(Guid.Empty.ToString(), "Contoso"),
                                SourceIdentity = new ProvisionedIdentity { Id = id, DisplayName = id, IdentityType = type },
                                TargetIdentity = new ProvisionedIdentity(),
                            };
                        }
                    }
                }
            }
        }
    }
}
