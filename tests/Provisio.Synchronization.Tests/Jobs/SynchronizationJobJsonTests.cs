using System.Text.Json.Nodes;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Tests.Jobs;

/// <summary>
/// Jobs read and write as Graph's examples show them (reference entra-engine-and-api §6.2–6.7): the monitoring
/// example of "Configure provisioning using Microsoft Graph APIs"
/// (https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-configuration-api), the
/// quarantined job of the Graph tutorial (https://learn.microsoft.com/graph/application-provisioning-configure-api)
/// and Get synchronizationJob (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-get).
/// </summary>
public sealed class SynchronizationJobJsonTests
{
    [Fact]
    public void Serialize_MonitoringExample_WritesTheSameJson()
    {
        // Arrange: reference §6.2, GET .../jobs
        var example = GraphExamples.Node("synchronizationJob-list-monitoring.json");
        var jobs = SynchronizationJson.Deserialize<JobList>(example.ToJsonString())!;

        // Act
        var written = JsonNode.Parse(SynchronizationJson.Serialize(jobs));

        // Assert
        JsonAssert.Equal(example, written);
    }

    [Fact]
    public void Deserialize_MonitoringExample_ReadsANewJobsScheduleAndPausedStatus()
    {
        // Act
        var job = SynchronizationJson.Deserialize<JobList>(GraphExamples.Read("synchronizationJob-list-monitoring.json"))!.Value.Single();

        // Assert
        job.Id.ShouldBe("{jobId}");
        job.TemplateId.ShouldBe("aws");
        job.Schedule.ShouldBe(new SynchronizationSchedule { Expiration = null, Interval = TimeSpan.MaxValue, State = SynchronizationScheduleState.Disabled });
        job.Status.Code.ShouldBe(SynchronizationStatusCode.Paused);
        job.Status.LastExecution.ShouldBeNull();
        job.Status.Quarantine.ShouldBeNull();
        job.Status.SteadyStateFirstAchievedTime.ShouldBe(DateTimeOffset.MinValue);
        job.SynchronizationJobSettings.ShouldBe([new SynchronizationJobSetting("QuarantineTooManyDeletesThreshold", "500")]);
    }

    [Fact]
    public void Deserialize_QuarantinedJob_ReadsExecutionAndQuarantine()
    {
        // Act
        var job = SynchronizationJson.Deserialize<SynchronizationJob>(GraphExamples.Read("synchronizationJob-get-quarantined.json"))!;

        // Assert
        job.Schedule.Interval.ShouldBe(TimeSpan.FromMinutes(40));
        job.Schedule.State.ShouldBe(SynchronizationScheduleState.Active);
        job.Status.Code.ShouldBe(SynchronizationStatusCode.Quarantine);
        job.Status.CountSuccessiveCompleteFailures.ShouldBe(1);
        job.Status.TroubleshootingUrl.ShouldBe(string.Empty);

        var error = new SynchronizationError
        {
            Code = "SystemForCrossDomainIdentityManagementInvalidCredentials",
            Message = "Please provide a valid tenant URL for your application.",
            TenantActionable = true,
        };
        job.Status.LastExecution.ShouldBe(new SynchronizationTaskExecution
        {
            ActivityIdentifier = "c3173f7b-9e67-4759-828c-cb499967be57",
            State = SynchronizationTaskExecutionResult.Failed,
            TimeBegan = new DateTimeOffset(2021, 5, 24, 21, 45, 53, TimeSpan.Zero).AddTicks(6330529),
            TimeEnded = new DateTimeOffset(2021, 5, 24, 21, 45, 54, TimeSpan.Zero).AddTicks(5581273),
            Error = error,
        });
        var began = new DateTimeOffset(2021, 5, 24, 21, 45, 54, TimeSpan.Zero).AddTicks(4981365);
        job.Status.Quarantine.ShouldBe(new SynchronizationQuarantine
        {
            CurrentBegan = began,
            NextAttempt = began.AddMinutes(5),
            Reason = QuarantineReason.EncounteredQuarantineException,
            SeriesBegan = began,
            SeriesCount = 1,
            Error = error,
        });
    }

    [Fact]
    public void Serialize_QuarantinedJob_WritesEveryPropertyAsGraphWroteIt()
    {
        // Arrange
        var example = GraphExamples.Node("synchronizationJob-get-quarantined.json");
        example.AsObject().Remove("@odata.context"); // the API writes annotations, not the resource
        var job = SynchronizationJson.Deserialize<SynchronizationJob>(example.ToJsonString())!;

        // Act
        var written = JsonNode.Parse(SynchronizationJson.Serialize(job));

        // Assert: seven fraction digits kept, "Z" kept
        JsonAssert.Equal(example, written);
    }

    [Fact]
    public void Deserialize_GetExampleWithEmptyQuarantineStrings_ReadsThemAsAbsent()
    {
        // Arrange: Graph's Get synchronizationJob example sends "" for the quarantine's timestamps and reason
        var json = GraphExamples.Read("synchronizationJob-get.json");

        // Act
        var quarantine = SynchronizationJson.Deserialize<SynchronizationJob>(json)!.Status.Quarantine!;

        // Assert
        quarantine.CurrentBegan.ShouldBeNull();
        quarantine.NextAttempt.ShouldBeNull();
        quarantine.SeriesBegan.ShouldBeNull();
        quarantine.Reason.ShouldBeNull();
        quarantine.SeriesCount.ShouldBe(2);
        quarantine.Error!.Code.ShouldBe("SalesforceInvalidCredentials");
        quarantine.Error.TenantActionable.ShouldBeTrue();
    }

    [Fact]
    public void Create_ScimJob_IsDisabledNotConfiguredWithGraphsNewJobJson()
    {
        // Arrange
        var unique = Guid.Parse("e4bbf445-33ea-4eab-b170-27f3a92e92aa");

        // Act
        var job = SynchronizationJob.Create("scim", unique);

        // Assert: the shape of POST .../jobs {"templateId":"scim"} (reference §1.19, §6.2)
        job.Id.ShouldBe("scim.e4bbf44533ea4eabb17027f3a92e92aa");
        JsonAssert.Equal(JsonNode.Parse("""
            {
              "id": "scim.e4bbf44533ea4eabb17027f3a92e92aa",
              "templateId": "scim",
              "schedule": { "expiration": null, "interval": "P10675199DT2H48M5.4775807S", "state": "Disabled" },
              "status": {
                "code": "NotConfigured", "countSuccessiveCompleteFailures": 0, "escrowsPruned": false,
                "lastExecution": null, "lastSuccessfulExecution": null, "lastSuccessfulExecutionWithExports": null,
                "progress": [], "quarantine": null,
                "steadyStateFirstAchievedTime": "0001-01-01T00:00:00Z", "steadyStateLastAchievedTime": "0001-01-01T00:00:00Z",
                "synchronizedEntryCountByType": [], "troubleshootingUrl": null
              },
              "synchronizationJobSettings": [ { "name": "QuarantineTooManyDeletesThreshold", "value": "500" } ]
            }
            """), JsonNode.Parse(SynchronizationJson.Serialize(job)));
    }

    [Fact]
    public void NewId_AnyGuid_IsTemplateIdDotThirtyTwoLowercaseHexDigits()
    {
        // Act
        var id = SynchronizationJob.NewId("scim", Guid.NewGuid());

        // Assert: reference §1.1
        id.ShouldMatch("^scim\\.[0-9a-f]{32}$");
    }

    [Fact]
    public void Serialize_StatusWithProgressAndCounts_WritesGraphsShapes()
    {
        // Arrange
        var status = SynchronizationStatus.NotConfigured with
        {
            Code = SynchronizationStatusCode.Active,
            Progress = [new SynchronizationProgress { CompletedUnits = 3, TotalUnits = 10, Units = "Pages", ProgressObservationDateTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) }],
            SynchronizedEntryCountByType = [new StringKeyLongValuePair("User", 1000), new StringKeyLongValuePair("Group", 12)],
        };

        // Act
        var json = JsonNode.Parse(SynchronizationJson.Serialize(status))!;

        // Assert
        json["code"]!.GetValue<string>().ShouldBe("Active");
        JsonAssert.Equal(JsonNode.Parse("""[{"completedUnits":3,"progressObservationDateTime":"2026-01-02T03:04:05Z","totalUnits":10,"units":"Pages"}]"""), json["progress"]);
        JsonAssert.Equal(JsonNode.Parse("""[{"key":"User","value":1000},{"key":"Group","value":12}]"""), json["synchronizedEntryCountByType"]);
    }

    [Theory]
    [InlineData(SynchronizationScheduleState.Active, "PT40M")]
    [InlineData(SynchronizationScheduleState.Paused, "PT30S")]
    public void Serialize_Schedule_WritesIntervalAsIso8601Duration(SynchronizationScheduleState state, string interval)
    {
        // Arrange
        var schedule = new SynchronizationSchedule { Interval = Iso8601Duration.Parse(interval), State = state };

        // Act
        var json = SynchronizationJson.Serialize(schedule);

        // Assert
        json.ShouldBe($$"""{"expiration":null,"interval":"{{interval}}","state":"{{state}}"}""");
    }

    [Fact]
    public void Deserialize_PatchScheduleBody_ReadsInterval()
    {
        // Act: INTERFACES.md, PATCH .../jobs/{jobId} {"schedule":{"interval":"PT30S"}}
        var schedule = SynchronizationJson.Deserialize<SynchronizationSchedule>("""{"interval":"PT30S"}""")!;

        // Assert
        schedule.Interval.ShouldBe(TimeSpan.FromSeconds(30));
        schedule.Expiration.ShouldBeNull();
    }

    [Fact]
    public void Deserialize_IntervalThatIsNotADuration_ThrowsJsonExceptionNamingIt() =>
        Should.Throw<System.Text.Json.JsonException>(() => SynchronizationJson.Deserialize<SynchronizationSchedule>("""{"interval":"40 minutes"}"""))
            .Message.ShouldStartWith("'40 minutes' is not an ISO 8601 duration");

    private sealed record JobList(IReadOnlyList<SynchronizationJob> Value);
}
