using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Scim.Server.Requests;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Tests.Mapping;

namespace Provisio.Synchronization.Tests.Engine;

/// <summary>
/// App roles end to end against the reference SCIM server (reference entra-expressions-and-scim A.3, B.6.7): the role
/// functions send the user's roles for the application, in the shapes Entra sends them in each dialect; and seed 002's
/// "Duplicate roles" quarantine, before anything is exported.
/// </summary>
public sealed class AppRoleTests
{
    private const string RoleType = "WindowsAzureActiveDirectoryRole";

    private static readonly Guid Admin = new("06b07648-ecfe-589f-9d2f-6325724a46ee");
    private static readonly Guid User = new("06b07648-ecfe-599f-9d2f-6325724a46ee");
    private static readonly Guid Reader = new("06b07648-ecfe-5a9f-9d2f-6325724a46ee");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppRoleAssignmentsComplex_DefaultDialect_PostsRoleObjects_ThenAddsASecondRoleAsJsonText()
    {
        // Arrange: ann has the Admin role
        await using var host = await StartAsync("AppRoleAssignmentsComplex([appRoleAssignments])");
        var ann = await host.AddUserAsync("ann");
        await AssignAsync(host, ann.Id, Admin);

        // Act
        var first = await host.RunCycleAsync();
        var post = Requests(host, "POST", "/Users").Single();
        host.Target.Requests.Clear();
        await AssignAsync(host, ann.Id, User);
        var second = await host.RunCycleAsync();
        var patch = Requests(host, "PATCH", "/Users/").Single();
        host.Target.Requests.Clear();
        var third = await host.RunCycleAsync();

        // Assert: POST as B.6.7's AppRoleAssignmentsComplex POST
        first.Failed.ShouldBeEmpty();
        Same(JsonNode.Parse(post.Body!)!["roles"],
            $$"""[{"primary":false,"type":"{{RoleType}}","displayName":"Admin","value":"Admin"}]""");
        // the PATCH adds only the new role, each a JSON string as the default job writes it (B.6.7)
        second.Failed.ShouldBeEmpty();
        Same(JsonNode.Parse(patch.Body!)!["Operations"],
            $$"""[{"op":"Add","path":"roles","value":[{"value":"{\"id\":\"{{User}}\",\"value\":\"User\",\"displayName\":\"User\"}"}]}]""");
        var roles = (JsonArray)host.TargetUser("ann")!["roles"]!;
        roles.Count.ShouldBe(2);
        roles[0]!["value"]!.GetValue<string>().ShouldBe("Admin");
        roles[1]!["value"]!.GetValue<string>().ShouldBe($$"""{"id":"{{User}}","value":"User","displayName":"User"}""");
        second.For("ann@contoso.com").Single().ModifiedProperties.ShouldContain(property => property.DisplayName == "roles" && property.NewValue == "Admin,User");
        // nothing changed: nothing sent
        Requests(host, "PATCH", "/Users/").ShouldBeEmpty();
        third.Failed.ShouldBeEmpty();
    }

    [Fact]
    public async Task AppRoleAssignmentsComplex_WithTheFlag_AddsRoleObjects_AndAnUnassignedRoleStaysInTheTarget()
    {
        // Arrange
        await using var host = await StartAsync("AppRoleAssignmentsComplex([appRoleAssignments])", tenantUrlSuffix: "?aadOptscim062020");
        var ann = await host.AddUserAsync("ann");
        await AssignAsync(host, ann.Id, Admin);
        await host.RunCycleAsync();
        host.Target.Requests.Clear();

        // Act: User assigned, then Admin unassigned
        await AssignAsync(host, ann.Id, User);
        await host.RunCycleAsync();
        var added = Requests(host, "PATCH", "/Users/").Single();
        host.Target.Requests.Clear();
        await host.Directory.RemoveReferenceAsync(new DirectoryReference(host.ServicePrincipalId, DirectoryRelation.AppRoleAssignment, ann.Id, Admin), Cancellation);
        var removed = await host.RunCycleAsync();

        // Assert: the flag's add of role objects, as POST sends them (B.6.7, B.7)
        Same(JsonNode.Parse(added.Body!)!["Operations"],
            $$"""[{"op":"add","path":"roles","value":[{"primary":false,"type":"{{RoleType}}","displayName":"User","value":"User"}]}]""");
        // AppRoleAssignmentsComplex never removes a role (CAA: "PATCH is add-only")
        removed.Failed.ShouldBeEmpty();
        Requests(host, "PATCH", "/Users/").ShouldBeEmpty();
        ((JsonArray)host.TargetUser("ann")!["roles"]!).Select(role => role!["value"]!.GetValue<string>()).ShouldBe(["Admin", "User"]);
    }

    [Fact]
    public async Task AssertiveAppRoleAssignmentsComplex_ReplacesTheRoles_RemovingAnUnassignedOne()
    {
        // Arrange: ann is Admin and User
        await using var host = await StartAsync("AssertiveAppRoleAssignmentsComplex([appRoleAssignments])");
        var ann = await host.AddUserAsync("ann");
        await AssignAsync(host, ann.Id, Admin);
        await AssignAsync(host, ann.Id, User);
        await host.RunCycleAsync();
        var post = Requests(host, "POST", "/Users").Single();
        host.Target.Requests.Clear();

        // Act: Admin unassigned, Reader assigned
        await host.Directory.RemoveReferenceAsync(new DirectoryReference(host.ServicePrincipalId, DirectoryRelation.AppRoleAssignment, ann.Id, Admin), Cancellation);
        await AssignAsync(host, ann.Id, Reader);
        var cycle = await host.RunCycleAsync();
        var patch = Requests(host, "PATCH", "/Users/").Single();

        // Assert: B.6.7's Assertive POST and PATCH (display, lower-case replace without the flag)
        Same(JsonNode.Parse(post.Body!)!["roles"], $$"""
            [{"primary":false,"type":"{{RoleType}}","display":"Admin","value":"Admin"},
             {"primary":false,"type":"{{RoleType}}","display":"User","value":"User"}]
            """);
        cycle.Failed.ShouldBeEmpty();
        Same(JsonNode.Parse(patch.Body!)!["Operations"], $$"""
            [{"op":"replace","path":"roles","value":[{"primary":false,"type":"{{RoleType}}","display":"User","value":"User"},
                                                     {"primary":false,"type":"{{RoleType}}","display":"Reader","value":"Reader"}]}]
            """);
        ((JsonArray)host.TargetUser("ann")!["roles"]!).Select(role => role!["value"]!.GetValue<string>()).ShouldBe(["User", "Reader"], "Admin is removed");
    }

    [Fact]
    public async Task SingleAppRoleAssignment_ToThePrimaryRolesValue_CreatesAndThenChangesTheRole()
    {
        // Arrange
        await using var host = await StartAsync("SingleAppRoleAssignment([appRoleAssignments])", target: "roles[primary eq \"True\"].value");
        var ann = await host.AddUserAsync("ann");
        await AssignAsync(host, ann.Id, Admin);

        // Act
        await host.RunCycleAsync();
        var post = Requests(host, "POST", "/Users").Single();
        await host.Directory.RemoveReferenceAsync(new DirectoryReference(host.ServicePrincipalId, DirectoryRelation.AppRoleAssignment, ann.Id, Admin), Cancellation);
        await AssignAsync(host, ann.Id, User);
        var changed = await host.RunCycleAsync();

        // Assert: B.6.7's SingleAppRoleAssignment POST
        Same(JsonNode.Parse(post.Body!)!["roles"], $$"""[{"primary":true,"type":"{{RoleType}}","value":"Admin"}]""");
        changed.Failed.ShouldBeEmpty();
        var role = ((JsonArray)host.TargetUser("ann")!["roles"]!).Single()!;
        role["value"]!.GetValue<string>().ShouldBe("User");
        role["primary"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task DuplicateRoleValues_QuarantineBeforeAnyExport_FixedTheNextCycleLiftsItAndProvisions()
    {
        // Arrange: two roles with the value "Admin" (one spelt "admin": a SCIM target compares roles.value ignoring case)
        await using var host = await StartAsync("SingleAppRoleAssignment([appRoleAssignments])", target: "roles[primary eq \"True\"].value",
            roles: [(Admin, "Admin", "Administrator"), (User, "admin", "Admin (imported)"), (Reader, "Reader", "Reader")]);
        var ann = await host.AddUserAsync("ann");
        await AssignAsync(host, ann.Id, Admin);

        // Act
        var quarantined = await host.RunCycleAsync();
        var requests = host.Target.Requests.Snapshot();
        var status = (await host.JobAsync()).Job.Status;
        await SetRolesAsync(host, [(Admin, "Admin", "Administrator"), (Reader, "Reader", "Reader")]);
        var fixedCycle = await host.RunCycleAsync();

        // Assert: quarantined with the seed's reason, before the target was called at all
        quarantined.Result.Outcome.ShouldBe(CycleOutcome.Failed);
        quarantined.Result.JobFailure!.Code.ShouldBe(DuplicateAppRoles.ErrorCode);
        requests.ShouldBeEmpty("nothing is exported (nor even the startup test call made)");
        status.Code.ShouldBe(SynchronizationStatusCode.Quarantine);
        status.Quarantine!.Reason.ShouldBe(QuarantineReason.EncounteredQuarantineException);
        status.Quarantine.Error!.Code.ShouldBe(DuplicateAppRoles.ErrorCode);
        status.Quarantine.Error.TenantActionable.ShouldBeTrue();
        status.Quarantine.Error.Message!.ShouldContain($"value 'Admin' is declared by role {Admin:D} and role {User:D}");
        status.Quarantine.Error.Message!.ShouldNotContain("display name '", Case.Insensitive, "SingleAppRoleAssignment sends no display names");
        QuarantineRules.RecommendedAction(status.Quarantine).ShouldBe(DuplicateAppRoles.RecommendedAction);
        var audit = (await host.Store.QueryAuditsAsync(new Provisio.Synchronization.Storage.DirectoryAuditQuery { ActivityDisplayNames = ["Quarantine"], Top = 10 }, Cancellation)).Audits;
        audit.Last().AdditionalDetails.ShouldContain(new Provisio.Synchronization.Audit.KeyValue("ErrorCode", DuplicateAppRoles.ErrorCode));
        audit.Last().AdditionalDetails.ShouldContain(new Provisio.Synchronization.Audit.KeyValue("RecommendedAction", DuplicateAppRoles.RecommendedAction));
        // fixed: the next cycle lifts the quarantine and provisions
        fixedCycle.Result.Outcome.ShouldBe(CycleOutcome.Completed);
        (await host.JobAsync()).Job.Status.Quarantine.ShouldBeNull();
        ((JsonArray)host.TargetUser("ann")!["roles"]!).Single()!["value"]!.GetValue<string>().ShouldBe("Admin");
    }

    [Fact]
    public async Task DuplicateDisplayNames_QuarantineOnlyWhenAMappingSendsThem()
    {
        // Arrange: distinct values, one display name twice
        (Guid, string, string)[] roles = [(Admin, "Admin", "Administrators"), (User, "Admin2", "Administrators")];
        await using var complex = await StartAsync("AppRoleAssignmentsComplex([appRoleAssignments])", roles: roles);
        await using var single = await StartAsync("SingleAppRoleAssignment([appRoleAssignments])", target: "roles[primary eq \"True\"].value", roles: roles);
        await complex.AddUserAsync("ann");
        await single.AddUserAsync("ann");

        // Act
        var sendsNames = await complex.RunCycleAsync();
        var sendsValues = await single.RunCycleAsync();

        // Assert
        sendsNames.Result.JobFailure!.Code.ShouldBe(DuplicateAppRoles.ErrorCode);
        sendsNames.Result.JobFailure.Message.ShouldContain($"display name 'Administrators' is declared by role {Admin:D} and role {User:D}");
        sendsValues.Result.Outcome.ShouldBe(CycleOutcome.Completed);
    }

    [Fact]
    public async Task DuplicateRoles_OnDemand_RefusedWithTheErrorAndNothingExported_WhileUniqueRolesFlow()
    {
        // Arrange
        await using var host = await StartAsync("AppRoleAssignmentsComplex([appRoleAssignments])");
        var ann = await host.AddUserAsync("ann");
        await AssignAsync(host, ann.Id, User);
        await SetRolesAsync(host, [(Admin, "Admin", "Admin"), (User, "Admin", "User")]);

        // Act
        var refused = await host.Engine.ProvisionOnDemandAsync(host.ServicePrincipalId, host.JobId, [ann.Id], null, Cancellation);
        var requests = host.Target.Requests.Snapshot();
        await SetRolesAsync(host, [(Admin, "Admin", "Admin"), (User, "User", "User")]);
        var provisioned = await host.Engine.ProvisionOnDemandAsync(host.ServicePrincipalId, host.JobId, [ann.Id], null, Cancellation);

        // Assert
        refused.Error!.Code.ShouldBe(DuplicateAppRoles.ErrorCode);
        refused.Error.Message.ShouldContain("value 'Admin' is declared by");
        requests.ShouldBeEmpty();
        provisioned.Value!.Error.ShouldBeNull();
        ((JsonArray)host.TargetUser("ann")!["roles"]!).Single()!["displayName"]!.GetValue<string>().ShouldBe("User", "on-demand provisioning reads the user's roles");
    }

    [Fact]
    public async Task RoleMappingWithSyncAll_TheDiagnosisWarnsItIsIncompatible_WhileAssignedRolesStillFlow()
    {
        // Arrange: "Sync all users and groups", ann assigned Admin, bob not assigned
        await using var host = await StartAsync("AppRoleAssignmentsComplex([appRoleAssignments])", syncAll: true);
        var ann = await host.AddUserAsync("ann");
        await host.AddUserAsync("bob");
        await AssignAsync(host, ann.Id, Admin);

        // Act
        var cycle = await host.RunCycleAsync();
        var report = (await new JobDiagnostician(host.Engine, host.Directory).DiagnoseAsync(host.ServicePrincipalId, host.JobId, false, Cancellation))!;

        // Assert
        cycle.Failed.ShouldBeEmpty();
        ((JsonArray)host.TargetUser("ann")!["roles"]!).Single()!["value"]!.GetValue<string>().ShouldBe("Admin");
        (host.TargetUser("bob")!["roles"] as JsonArray ?? []).ShouldBeEmpty("no assignment, no role (a null is not sent, reference entra-engine-and-api §1.7)");
        var check = report.Checks.Single(check => check.Symptom == "Users created but with wrong attributes");
        check.Status.ShouldBe(DiagnosisStatus.Warning);
        check.Finding.ShouldContain("roles");
        check.Finding.ShouldContain("syncs all users and groups");
        check.RecommendedAction!.ShouldContain("SyncAll");
    }

    [Fact]
    public async Task DuplicateRoles_TheDiagnosisAndTheEmailGiveTheDuplicateRolesAction()
    {
        // Arrange: notifications on; two roles with one value
        await using var host = await StartAsync("AppRoleAssignmentsComplex([appRoleAssignments])", roles: [(Admin, "Admin", "Admin"), (User, "Admin", "User")]);
        var secrets = (await host.Engine.GetSecretsAsync(host.ServicePrincipalId, Cancellation)).Value!;
        (await host.Engine.PutSecretsAsync(host.ServicePrincipalId,
            [.. secrets, new(SynchronizationSecret.SyncNotificationSettings, """{"Enabled":true,"Recipients":"ops@contoso.com"}""")], Cancellation)).Succeeded.ShouldBeTrue();

        // Act
        await host.RunCycleAsync();
        var report = (await new JobDiagnostician(host.Engine, host.Directory).DiagnoseAsync(host.ServicePrincipalId, host.JobId, false, Cancellation))!;
        var email = (await host.Store.ListEmailsAsync(host.JobId, 10, Cancellation)).Single();

        // Assert
        report.State.Quarantine!.RecommendedAction.ShouldBe(DuplicateAppRoles.RecommendedAction);
        report.Checks.Single(check => check.Symptom == "Job in quarantine").RecommendedAction.ShouldBe(DuplicateAppRoles.RecommendedAction);
        report.Checks.Single(check => check.Symptom == "All operations failing").RecommendedAction.ShouldBe(DuplicateAppRoles.RecommendedAction, "not the credentials");
        email.TextBody.ShouldContain(DuplicateAppRoles.ErrorCode);
        email.TextBody.ShouldContain("PATCH /v1.0/servicePrincipals/{id}");
    }

    /// <summary>An assigned-only job with Admin, User and Reader roles whose User mapping sends <paramref name="expression"/> to <paramref name="target"/>.</summary>
    private static async Task<EngineTestHost> StartAsync(string expression, string target = "roles", string? tenantUrlSuffix = null,
        IReadOnlyList<(Guid Id, string Value, string DisplayName)>? roles = null, bool syncAll = false)
    {
        var host = await EngineTestHost.StartAsync(syncAll: syncAll, tenantUrlSuffix: tenantUrlSuffix);
        await SetRolesAsync(host, roles ?? [(Admin, "Admin", "Admin"), (User, "User", "User"), (Reader, "Reader", "Reader")]);
        var job = await host.JobAsync();
        var rule = job.Schema.SynchronizationRules[0];
        var schema = job.Schema with
        {
            SynchronizationRules = [rule with
            {
                ObjectMappings = [.. rule.ObjectMappings.Select(mapping => mapping.SourceObjectName != "User" ? mapping : mapping with
                {
                    AttributeMappings = [.. mapping.AttributeMappings.Where(attribute => !attribute.TargetAttributeName.StartsWith("roles", StringComparison.OrdinalIgnoreCase)),
                        DefaultScimMappings.Map(target, expression)],
                })],
            }],
        };
        (await host.Engine.PutSchemaAsync(host.ServicePrincipalId, host.JobId, schema, Cancellation)).Succeeded.ShouldBeTrue();
        return host;
    }

    /// <summary>The application's appRoles, as <c>PATCH /servicePrincipals/{id}</c> (or a role import) writes them.</summary>
    private static async Task SetRolesAsync(EngineTestHost host, IReadOnlyList<(Guid Id, string Value, string DisplayName)> roles)
    {
        var appRoles = new JsonArray();
        foreach (var (id, value, displayName) in roles)
        {
            appRoles.Add(new JsonObject
            {
                ["allowedMemberTypes"] = new JsonArray("User"),
                ["displayName"] = displayName,
                ["id"] = id.ToString("D"),
                ["isEnabled"] = true,
                ["value"] = value,
            });
        }

        (await host.Directory.UpdateAsync(host.ServicePrincipalId, new JsonObject { ["appRoles"] = appRoles }, Cancellation)).Succeeded.ShouldBeTrue();
    }

    private static async Task AssignAsync(EngineTestHost host, Guid user, Guid role) =>
        (await host.Directory.AddReferenceAsync(new DirectoryReference(host.ServicePrincipalId, DirectoryRelation.AppRoleAssignment, user, role), Cancellation)).Succeeded.ShouldBeTrue();

    private static void Same(JsonNode? actual, string expected) => JsonAssert.Equal(JsonNode.Parse(expected), actual);

    private static List<ScimRequestRecord> Requests(EngineTestHost host, string method, string path) =>
        [.. host.Target.Requests.Snapshot().Where(request => request.Method == method && request.Path.Contains(path, StringComparison.Ordinal)
            && !request.Path.Contains('?', StringComparison.Ordinal))];
}
