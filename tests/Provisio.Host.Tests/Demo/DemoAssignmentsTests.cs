using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Host.Demo;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Logs;

namespace Provisio.Host.Tests.Demo;

/// <summary>
/// Contoso Demo's app roles and assignments (issue 9 §3): groups and a few users assigned, a handful left out, and a job
/// that syncs assigned users and groups only.
/// </summary>
public sealed class DemoAssignmentsTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-demo-assign-").FullName;

    [Fact]
    public async Task Demo_Assignments_ExportOnlyTheAssignedUsersAndGroups_AndLeaveTheUnassignedOut()
    {
        // Arrange
        var database = $"sqlite:{Path.Combine(_folder, "provisio-demo.db")}";
        var cancellationToken = TestContext.Current.CancellationToken;

        // Act
        var run = await DemoSession.RunUntilReadyAsync(database, "--users", "60", "--groups", "6");

        // Assert: the application declares its roles, and its assignments carry them
        run.ExitCode.ShouldBe(0, run.Error);
        await using var stored = await DemoDatabase.OpenAsync(database);
        var job = (await stored.Synchronization.GetJobAsync(run.Job, cancellationToken))!;
        var principal = (await stored.Directory.GetAsync(job.ServicePrincipalId, cancellationToken))!;
        principal["displayName"].ShouldBe(DemoCommandName);
        (principal.Properties["appRoles"] as JsonArray)!.Select(role => role!["value"]!.GetValue<string>()).ShouldBe(["User", "Administrator"]);
        var assignments = new List<DirectoryReference>();
        await foreach (var assignment in stored.Directory.GetReferencesAsync(principal.Id, DirectoryRelation.AppRoleAssignment, cancellationToken))
        {
            assignments.Add(assignment);
        }

        assignments.Count(assignment => assignment.AppRoleId == DemoAppRoles.Administrator).ShouldBe(3);
        var assignedGroups = new List<DirectoryObject>();
        foreach (var assignment in assignments.Where(assignment => assignment.AppRoleId == DemoAppRoles.User))
        {
            var assigned = (await stored.Directory.GetAsync(assignment.TargetId, cancellationToken))!;
            assigned.Kind.ShouldBe(DirectoryObjectKind.Group);
            assignedGroups.Add(assigned);
        }

        assignedGroups.Select(group => group["displayName"]).ShouldContain(DemoSetup.ContosoUsersGroup);
        assignedGroups.Count.ShouldBe(3);

        // Assert: everyone assigned (directly or through a group) and the assigned groups were created; nobody else was
        var entitled = (await AssignmentSnapshot.ReadAsync(stored.Directory, principal.Id, cancellationToken)).Entitled.ToHashSet();
        var logs = await stored.LogsAsync(run.Job);
        var created = logs.Where(log => log.ProvisioningAction == ProvisioningAction.Create && log.ProvisioningStatusInfo.Status == ProvisioningResult.Success)
            .Select(log => Guid.Parse(log.SourceIdentity.Id!)).ToHashSet();
        created.ShouldBe(entitled, ignoreOrder: true);
        logs.ShouldAllBe(log => log.ProvisioningStatusInfo.Status != ProvisioningResult.Failure);

        // Assert: the handful left unassigned (60 / 20 = 3) got nothing, as Entra reads only what is assigned
        var users = await stored.Directory.QueryAsync(new Provisio.Directory.Query.DirectoryQuery { Kind = DirectoryObjectKind.User, Top = 999 }, cancellationToken);
        var unassigned = users.Items.Where(user => !entitled.Contains(user.Id)).Select(user => user.Id.ToString()).ToList();
        unassigned.Count.ShouldBe(3);
        logs.ShouldAllBe(log => !unassigned.Contains(log.SourceIdentity.Id!));
        run.Output.ShouldContain($"{entitled.Count - assignedGroups.Count} users, 3 groups");
    }

    private const string DemoCommandName = Provisio.Host.Cli.DemoCommand.ApplicationName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // still open on the way out
        }
    }
}
