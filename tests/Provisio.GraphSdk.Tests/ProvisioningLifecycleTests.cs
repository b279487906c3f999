using Microsoft.Graph.Models;
using Microsoft.Graph.ServicePrincipals.Item.Synchronization.Jobs.Item.ProvisionOnDemand;
using Microsoft.Graph.ServicePrincipals.Item.Synchronization.Jobs.Item.Restart;
using Microsoft.Graph.ServicePrincipals.Item.Synchronization.Jobs.Item.ValidateCredentials;
using Microsoft.Graph.ServicePrincipals.Item.Synchronization.Secrets;
using Microsoft.Graph.ApplicationTemplates.Item.Instantiate;

namespace Provisio.GraphSdk.Tests;

/// <summary>
/// The configuration lifecycle of Entra's "configure provisioning with Microsoft Graph" (reference entra-engine-and-api
/// §1.18), written with the official Microsoft Graph .NET SDK against <c>provisio serve</c>: every answer deserializes
/// into the SDK's models, and no property is lost (issue 8 §4).
/// </summary>
public sealed class ProvisioningLifecycleTests : IAsyncLifetime
{
    private const string ScimTemplate = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";
    private SdkHost _host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await SdkHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Lifecycle_ThroughTheSdk_EveryAnswerDeserializesWithoutLoss()
    {
        var graph = _host.Graph;

        // 1. The application from the SCIM template, a user.
        var instantiated = await graph.ApplicationTemplates[ScimTemplate].Instantiate.PostAsync(new InstantiatePostRequestBody { DisplayName = "Contoso SDK" },
            cancellationToken: Cancellation);
        instantiated.ShouldBeLossless();
        var sp = instantiated!.ServicePrincipal!.Id!;
        var user = await graph.Users.PostAsync(new User
        {
            UserPrincipalName = "ann@contoso.com",
            DisplayName = "Ann Lee",
            MailNickname = "ann",
            GivenName = "Ann",
            Surname = "Lee",
            AccountEnabled = true,
        }, cancellationToken: Cancellation);
        user.ShouldBeLossless();
        var jobs = graph.ServicePrincipals[sp].Synchronization.Jobs;

        // 2. The job from the scim template.
        var created = await jobs.PostAsync(new SynchronizationJob { TemplateId = "scim" }, cancellationToken: Cancellation);
        created.ShouldBeLossless();
        created!.Status!.Code.ShouldBe(SynchronizationStatusCode.NotConfigured);
        created.Schedule!.State.ShouldBe(SynchronizationScheduleState.Disabled);
        var jobId = created.Id!;
        var job = jobs[jobId];

        // 3. Test Connection, the secrets, the interval.
        var credentials = new List<SynchronizationSecretKeyStringValuePair>
        {
            new() { Key = SynchronizationSecret.BaseAddress, Value = _host.Target.ScimAddress.ToString() },
            new() { Key = SynchronizationSecret.SecretToken, Value = _host.TargetToken },
        };
        await job.ValidateCredentials.PostAsync(new ValidateCredentialsPostRequestBody { Credentials = credentials, UseSavedCredentials = false },
            cancellationToken: Cancellation);
        await graph.ServicePrincipals[sp].Synchronization.Secrets.PutAsSecretsPutResponseAsync(new SecretsPutRequestBody
        {
            Value = [.. credentials, new() { Key = SynchronizationSecret.SyncAll, Value = "true" }],
        }, cancellationToken: Cancellation);
        await job.PatchAsync(new SynchronizationJob { Schedule = new SynchronizationSchedule { Interval = TimeSpan.FromMinutes(20) } }, cancellationToken: Cancellation);

        // 4. The schema; provision the user on demand.
        var schema = await job.Schema.GetAsync(cancellationToken: Cancellation);
        schema.ShouldBeLossless();
        var rule = schema!.SynchronizationRules!.Single();
        rule.ObjectMappings!.Select(mapping => mapping.SourceObjectName).ShouldBe(["Group", "User"], ignoreOrder: true);
        var onDemand = await job.ProvisionOnDemand.PostAsync(new ProvisionOnDemandPostRequestBody
        {
            Parameters =
            [
                new SynchronizationJobApplicationParameters
                {
                    RuleId = rule.Id,
                    Subjects = [new SynchronizationJobSubject { ObjectId = user!.Id, ObjectTypeName = "User" }],
                },
            ],
        }, cancellationToken: Cancellation);
        onDemand.ShouldBeLossless();
        onDemand!.Value!.ShouldContain("\"action\":\"Create\"");

        // 5. Start, read the status, pause, restart.
        await job.Start.PostAsync(cancellationToken: Cancellation);
        var started = await job.GetAsync(cancellationToken: Cancellation);
        started.ShouldBeLossless();
        started!.Schedule!.State.ShouldBe(SynchronizationScheduleState.Active);
        started.Schedule.Interval.ShouldBe(TimeSpan.FromMinutes(20));
        await job.Pause.PostAsync(cancellationToken: Cancellation);
        (await job.GetAsync(cancellationToken: Cancellation))!.Status!.Code.ShouldBe(SynchronizationStatusCode.Paused);
        await job.Restart.PostAsync(new RestartPostRequestBody
        {
            Criteria = new SynchronizationJobRestartCriteria { ResetScope = SynchronizationJobRestartScope.Watermark | SynchronizationJobRestartScope.Escrows },
        }, cancellationToken: Cancellation);

        // 6. Lists, the provisioning logs with a filter, the audit log.
        var listed = await jobs.GetAsync(cancellationToken: Cancellation);
        listed.ShouldBeLossless();
        listed!.Value!.Select(item => item.Id).ShouldBe([jobId]);
        var logs = await graph.AuditLogs.Provisioning.GetAsync(request =>
        {
            request.QueryParameters.Filter = $"jobId eq '{jobId}' and provisioningAction eq 'create'";
            request.QueryParameters.Top = 10;
        }, Cancellation);
        logs.ShouldBeLossless();
        var entry = logs!.Value!.ShouldHaveSingleItem();
        entry.ProvisioningAction.ShouldBe(ProvisioningAction.Create);
        entry.ProvisioningStatusInfo!.Status.ShouldBe(ProvisioningResult.Success);
        entry.SourceIdentity!.DisplayName.ShouldBe("ann@contoso.com");
        entry.ProvisioningSteps!.Select(step => step.Name).ShouldContain("EntryExportAdd");
        entry.ProvisioningSteps![0].Details!.AdditionalData["userPrincipalName"].ShouldBe("ann@contoso.com");
        var audits = await graph.AuditLogs.DirectoryAudits.GetAsync(request =>
            request.QueryParameters.Filter = "activityDisplayName eq 'Enable/restart provisioning configuration'", Cancellation);
        audits.ShouldBeLossless();
        audits!.Value!.ShouldHaveSingleItem().LoggedByService.ShouldBe("Account Provisioning");
    }

    [Fact]
    public async Task ProvisioningLogs_PagedWithTheSdksPageIterator()
    {
        // Arrange: three users provisioned on demand, one log entry each
        var graph = _host.Graph;
        var sp = (await graph.ApplicationTemplates[ScimTemplate].Instantiate.PostAsync(new InstantiatePostRequestBody { DisplayName = "Paging app" },
            cancellationToken: Cancellation))!.ServicePrincipal!.Id!;
        var job = await graph.ServicePrincipals[sp].Synchronization.Jobs.PostAsync(new SynchronizationJob { TemplateId = "scim" }, cancellationToken: Cancellation);
        await graph.ServicePrincipals[sp].Synchronization.Secrets.PutAsSecretsPutResponseAsync(new SecretsPutRequestBody
        {
            Value =
            [
                new() { Key = SynchronizationSecret.BaseAddress, Value = _host.Target.ScimAddress.ToString() },
                new() { Key = SynchronizationSecret.SecretToken, Value = _host.TargetToken },
                new() { Key = SynchronizationSecret.SyncAll, Value = "true" },
            ],
        }, cancellationToken: Cancellation);
        var rule = (await graph.ServicePrincipals[sp].Synchronization.Jobs[job!.Id].Schema.GetAsync(cancellationToken: Cancellation))!.SynchronizationRules!.Single().Id;
        foreach (var name in new[] { "pat", "quinn", "rosa" })
        {
            var user = await graph.Users.PostAsync(new User { UserPrincipalName = $"{name}@contoso.com", DisplayName = name, MailNickname = name, AccountEnabled = true },
                cancellationToken: Cancellation);
            await graph.ServicePrincipals[sp].Synchronization.Jobs[job.Id].ProvisionOnDemand.PostAsync(new ProvisionOnDemandPostRequestBody
            {
                Parameters = [new SynchronizationJobApplicationParameters { RuleId = rule, Subjects = [new SynchronizationJobSubject { ObjectId = user!.Id, ObjectTypeName = "User" }] }],
            }, cancellationToken: Cancellation);
        }

        // Act: one entry per page, following @odata.nextLink
        var first = await graph.AuditLogs.Provisioning.GetAsync(request =>
        {
            request.QueryParameters.Filter = $"jobId eq '{job.Id}'";
            request.QueryParameters.Top = 1;
        }, Cancellation);
        var names = new List<string>();
        var pages = Microsoft.Graph.PageIterator<ProvisioningObjectSummary, ProvisioningObjectSummaryCollectionResponse>.CreatePageIterator(graph, first!, entry =>
        {
            entry.ShouldBeLossless();
            names.Add(entry.SourceIdentity!.DisplayName!);
            return true;
        });
        await pages.IterateAsync(Cancellation);

        // Assert: newest first
        first!.OdataNextLink.ShouldNotBeNull();
        names.ShouldBe(["rosa@contoso.com", "quinn@contoso.com", "pat@contoso.com"]);
    }

    [Fact]
    public async Task Beta_AnswersAsV1()
    {
        // Arrange
        var sp = (await _host.Graph.ApplicationTemplates[ScimTemplate].Instantiate.PostAsync(new InstantiatePostRequestBody { DisplayName = "Beta app" },
            cancellationToken: Cancellation))!.ServicePrincipal!.Id!;
        var created = await _host.Graph.ServicePrincipals[sp].Synchronization.Jobs.PostAsync(new SynchronizationJob { TemplateId = "scim" }, cancellationToken: Cancellation);

        // Act
        var beta = await _host.Beta.ServicePrincipals[sp].Synchronization.Jobs[created!.Id].GetAsync(cancellationToken: Cancellation);

        // Assert
        beta.ShouldBeLossless();
        beta!.Id.ShouldBe(created.Id);
        beta.SynchronizationJobSettings!.Single().Name.ShouldBe("QuarantineTooManyDeletesThreshold");
    }
}
