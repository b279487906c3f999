using System.Text.Json.Nodes;
using Provisio.Directory;
using Provisio.Directory.Batches;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Synchronization;
using Provisio.Synchronization.Cycles;
using Provisio.Synchronization.Jobs;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Templates;

namespace Provisio.Host.Demo;

/// <summary>
/// Creates a demo application the way an administrator would in Entra: a service principal with app roles, a job from
/// the <c>scim</c> template syncing assigned users and groups only, its assignments, and what its failure pattern needs
/// (a department removed, accounts made by hand, matching on externalId, a scoping filter, a deletion threshold); then its first cycles.
/// An application that exists is reused as it is, its target's address and token rewritten.
/// </summary>
internal sealed class DemoSetup(IDirectoryStore directory, SynchronizationEngine engine)
{
    /// <summary>Contoso Demo's own group, assigned, holding everyone but the administrators and the unassigned handful.</summary>
    public const string ContosoUsersGroup = "Contoso Demo Users";

    /// <summary>The token Northwind's job is given, which its target refuses.</summary>
    public const string ExpiredToken = "expired-demo-token";

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The demo applications in the directory, by name.</summary>
    public async Task<Dictionary<string, DirectoryObject>> FindAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, DirectoryObject>(StringComparer.Ordinal);
        var names = new[] { DemoApplications.Contoso }.Concat(DemoApplications.Troubleshooting).Select(application => application.Name).ToHashSet(StringComparer.Ordinal);
        DirectoryCursor? after = null;
        do
        {
            var page = await directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.ServicePrincipal, Top = DirectoryQuery.MaximumTop, After = after }, cancellationToken)
                .ConfigureAwait(false);
            foreach (var principal in page.Items)
            {
                if (principal["displayName"] is { } name && names.Contains(name))
                {
                    found.TryAdd(name, principal);
                }
            }

            after = page.Next;
        }
        while (after is not null);
        return found;
    }

    /// <summary>The existing application's job.</summary>
    public async Task<DemoJob> ReuseAsync(DemoApplication application, DirectoryObject principal, CancellationToken cancellationToken)
    {
        var job = (await engine.ListJobsAsync(principal.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
            ?? (await engine.CreateJobAsync(principal.Id, "scim", cancellationToken).ConfigureAwait(false)).OrThrow();
        return new DemoJob(application, principal.Id, job.Id, Fresh: false);
    }

    /// <summary>A new application with its job, assignments and its pattern's set-up (not yet its target's address).</summary>
    public async Task<DemoJob> CreateAsync(DemoApplication application, DemoDirectory view, DemoTarget target, CancellationToken cancellationToken)
    {
        var principal = (await directory.CreateAsync(DirectoryObjectKind.ServicePrincipal, new JsonObject
        {
            ["displayName"] = application.Name,
            ["appId"] = Guid.NewGuid().ToString("D"),
            ["servicePrincipalType"] = "Application",
            ["accountEnabled"] = true,
            ["appRoleAssignmentRequired"] = true,
            ["appRoles"] = DemoAppRoles.ToGraph(),
        }, cancellationToken).ConfigureAwait(false)).Value!;
        var job = (await engine.CreateJobAsync(principal.Id, "scim", cancellationToken).ConfigureAwait(false)).OrThrow();
        (await engine.PutSecretsAsync(principal.Id, [new(SynchronizationSecret.SyncAll, "false")], cancellationToken).ConfigureAwait(false)).OrThrow();
        var created = new DemoJob(application, principal.Id, job.Id, Fresh: true);
        switch (application.Pattern)
        {
            case DemoPattern.Healthy:
                await AssignContosoAsync(principal.Id, view, cancellationToken).ConfigureAwait(false);
                break;
            case DemoPattern.FaultyTarget:
                await AssignAsync(principal.Id, view, Groups(view, 2, 3), cancellationToken).ConfigureAwait(false);
                break;
            case DemoPattern.DuplicateAccounts:
            {
                var assigned = await AssignAsync(principal.Id, view, Groups(view, 4), cancellationToken).ConfigureAwait(false);
                await target.CreateManualAccountsAsync(Examples(view, assigned).Select(user => (user["userPrincipalName"]!, user["displayName"] ?? "")), cancellationToken)
                    .ConfigureAwait(false);
                await MatchOnExternalIdAsync(principal.Id, job.Id, cancellationToken).ConfigureAwait(false);
                break;
            }

            case DemoPattern.InvalidCredentials:
                await AssignAsync(principal.Id, view, Groups(view, 0), cancellationToken).ConfigureAwait(false);
                break;
            case DemoPattern.ScopingFilter:
            {
                var assigned = await AssignAsync(principal.Id, view, Groups(view, 3), cancellationToken).ConfigureAwait(false);
                foreach (var user in Examples(view, assigned))
                {
                    await UpdateAsync(user, new JsonObject { ["employeeType"] = "Contractor" }, cancellationToken).ConfigureAwait(false);
                }

                await EmployeesOnlyAsync(principal.Id, job.Id, cancellationToken).ConfigureAwait(false);
                break;
            }

            case DemoPattern.MissingAttribute:
            {
                var assigned = await AssignAsync(principal.Id, view, Groups(view, 1), cancellationToken).ConfigureAwait(false);
                foreach (var user in Examples(view, assigned))
                {
                    // seed 000: "The source user does not have a value for an attribute that the target application requires"
                    await UpdateAsync(user, new JsonObject { ["department"] = null }, cancellationToken).ConfigureAwait(false);
                }

                break;
            }

            case DemoPattern.MassDeletions:
            {
                var groups = Groups(view, 2);
                var assigned = await AssignAsync(principal.Id, view, groups, cancellationToken).ConfigureAwait(false);
                // Assigned directly and through no group, so that unassigning them takes them out of scope.
                var direct = view.Users.Where(user => !assigned.Contains(user.Id)).Take(DemoApplications.UnassignedAtOnce).ToList();
                foreach (var user in direct)
                {
                    await AddAssignmentAsync(principal.Id, user.Id, DemoAppRoles.User, cancellationToken).ConfigureAwait(false);
                }

                (await engine.SetDeletionThresholdAsync(principal.Id, job.Id, DemoApplications.DeletionThreshold, cancellationToken).ConfigureAwait(false)).OrThrow();
                created = created with { UnassignAfterFirstCycle = [.. direct.Select(user => user.Id)] };
                break;
            }
        }

        return created;
    }

    /// <summary>
    /// Every run: the target's address and token (Northwind's job gets one its target refuses), the interval, and the
    /// job started if it never was (the host is not started yet, so nothing is scheduled before the first cycle).
    /// </summary>
    public async Task ConfigureAsync(DemoJob job, DemoTarget target, CancellationToken cancellationToken)
    {
        var token = job.Application.Pattern == DemoPattern.InvalidCredentials ? ExpiredToken : DemoTarget.Token;
        (await engine.PutSecretsAsync(job.ServicePrincipalId,
        [
            new(SynchronizationSecret.BaseAddress, target.ScimAddress.ToString()),
            new(SynchronizationSecret.SecretToken, token),
        ], cancellationToken).ConfigureAwait(false)).OrThrow();
        var stored = (await engine.GetJobAsync(job.ServicePrincipalId, job.JobId, cancellationToken).ConfigureAwait(false))!;
        if (stored.Job.Schedule.Interval != Interval)
        {
            (await engine.SetIntervalAsync(job.ServicePrincipalId, job.JobId, Interval, cancellationToken).ConfigureAwait(false)).OrThrow();
        }

        if (stored.Job.Schedule.State != SynchronizationScheduleState.Active)
        {
            (await engine.StartAsync(job.ServicePrincipalId, job.JobId, cancellationToken).ConfigureAwait(false)).OrThrow();
        }
    }

    /// <summary>The first cycle; for Woodgrove, the unassignment and the cycle that holds the deletions.</summary>
    public async Task<CycleResult> FirstCyclesAsync(DemoJob job, CancellationToken cancellationToken)
    {
        var result = await engine.RunCycleAsync(job.JobId, dryRun: false, cancellationToken).ConfigureAwait(false);
        if (job.UnassignAfterFirstCycle.Count == 0)
        {
            return result;
        }

        foreach (var user in job.UnassignAfterFirstCycle)
        {
            await directory.RemoveReferenceAsync(new DirectoryReference(job.ServicePrincipalId, DirectoryRelation.AppRoleAssignment, user, DemoAppRoles.User), cancellationToken)
                .ConfigureAwait(false);
        }

        return await engine.RunCycleAsync(job.JobId, dryRun: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Contoso Demo: its own group of almost everyone and two of the directory's security groups (role User), the first
    /// three people directly (role Administrator), and a handful of people at the end of the directory left unassigned.
    /// </summary>
    private async Task AssignContosoAsync(Guid principal, DemoDirectory view, CancellationToken cancellationToken)
    {
        var groups = Groups(view, 0, 1);
        var throughGroups = groups.SelectMany(group => group.Members).ToHashSet();
        var administrators = view.Users.Take(3).Select(user => user.Id).ToHashSet();
        var handful = Math.Clamp(view.Users.Count / 20, 1, 5);
        var unassigned = view.Users.Reverse().Where(user => !throughGroups.Contains(user.Id) && !administrators.Contains(user.Id)).Take(handful).Select(user => user.Id).ToHashSet();
        var members = view.Users.Where(user => !administrators.Contains(user.Id) && !unassigned.Contains(user.Id)).Select(user => user.Id).ToList();

        var usersGroup = Guid.NewGuid();
        var batchItems = DirectoryBatch.MaximumItems / 2;
        for (var start = 0; start == 0 || start < members.Count; start += batchItems)
        {
            DirectoryBatchObject[] objects = start == 0
                ?
                [
                    new(DirectoryObjectKind.Group, new JsonObject
                    {
                        ["displayName"] = ContosoUsersGroup,
                        ["description"] = "Everyone who uses Contoso Demo (assigned to the application)",
                        ["mailNickname"] = "contoso-demo-users",
                        ["securityEnabled"] = true,
                        ["mailEnabled"] = false,
                        ["groupTypes"] = new JsonArray(),
                    }, usersGroup),
                ]
                : [];
            var references = members.Skip(start).Take(batchItems).Select(member => new DirectoryReference(usersGroup, DirectoryRelation.Member, member)).ToList();
            var written = await directory.WriteBatchAsync(new DirectoryBatch(objects, references), cancellationToken).ConfigureAwait(false);
            if (!written.Written)
            {
                throw new InvalidOperationException($"The demo could not create the group {ContosoUsersGroup}: " +
                    string.Join("; ", written.ObjectErrors.Concat(written.ReferenceErrors).Select(error => error.Error.Message)));
            }
        }

        await AddAssignmentAsync(principal, usersGroup, DemoAppRoles.User, cancellationToken).ConfigureAwait(false);
        foreach (var group in groups)
        {
            await AddAssignmentAsync(principal, group.Id, DemoAppRoles.User, cancellationToken).ConfigureAwait(false);
        }

        foreach (var administrator in administrators)
        {
            await AddAssignmentAsync(principal, administrator, DemoAppRoles.Administrator, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Assigns the groups (role User), or with no security group the first twenty users directly; returns who is in scope.</summary>
    private async Task<HashSet<Guid>> AssignAsync(Guid principal, DemoDirectory view, IReadOnlyList<DemoGroup> groups, CancellationToken cancellationToken)
    {
        var inScope = new HashSet<Guid>();
        foreach (var group in groups)
        {
            await AddAssignmentAsync(principal, group.Id, DemoAppRoles.User, cancellationToken).ConfigureAwait(false);
            inScope.UnionWith(group.Members);
        }

        if (groups.Count == 0)
        {
            foreach (var user in view.Users.Take(20))
            {
                await AddAssignmentAsync(principal, user.Id, DemoAppRoles.User, cancellationToken).ConfigureAwait(false);
                inScope.Add(user.Id);
            }
        }

        return inScope;
    }

    private async Task AddAssignmentAsync(Guid principal, Guid assignee, Guid role, CancellationToken cancellationToken)
    {
        var added = await directory.AddReferenceAsync(new DirectoryReference(principal, DirectoryRelation.AppRoleAssignment, assignee, role), cancellationToken).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException($"The demo could not assign {assignee} to its application: {added.Error.Code}: {added.Error.Message}");
        }
    }

    private async Task UpdateAsync(DirectoryObject user, JsonObject changes, CancellationToken cancellationToken)
    {
        var updated = await directory.UpdateAsync(user.Id, changes, cancellationToken).ConfigureAwait(false);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException($"The demo could not update the user {user.Id}: {updated.Error.Code}: {updated.Error.Message}");
        }
    }

    /// <summary>Security groups by index (wrapping round, each once).</summary>
    private static List<DemoGroup> Groups(DemoDirectory view, params int[] indexes) =>
        [.. indexes.Select(view.Group).OfType<DemoGroup>().DistinctBy(group => group.Id)];

    /// <summary>The first few enabled users in scope, in the directory's order.</summary>
    private static IEnumerable<DirectoryObject> Examples(DemoDirectory view, HashSet<Guid> inScope) =>
        view.Users.Where(user => inScope.Contains(user.Id) && user["accountEnabled"] != "false" && user["userPrincipalName"] is not null).Take(DemoApplications.Examples);

    /// <summary>
    /// Proseware provisions employees only (reference §4.1: a scoping filter on the user mapping), so the assigned contractors
    /// and interns are skipped and logged as not effectively entitled (seed 000's checklist: "Users skipped in logs").
    /// </summary>
    private Task EmployeesOnlyAsync(Guid principal, string jobId, CancellationToken cancellationToken) =>
        ChangeUserMappingAsync(principal, jobId, mapping => mapping with
        {
            Scope = new Filter
            {
                Groups =
                [
                    new FilterGroup
                    {
                        Name = "Employees only",
                        Clauses = [new FilterClause { SourceOperandName = "employeeType", OperatorName = "EQUALS", TargetOperand = new FilterOperand { Values = [DemoApplications.ScopedEmployeeType] } }],
                    },
                ],
            },
        }, cancellationToken);

    /// <summary>
    /// Litware matches users on externalId instead of userName (seed 000 "Matching Failures": the matching attribute does
    /// not hold the same value in both systems), so the accounts made by hand are not found and the creates conflict.
    /// </summary>
    private Task MatchOnExternalIdAsync(Guid principal, string jobId, CancellationToken cancellationToken) =>
        ChangeUserMappingAsync(principal, jobId, mapping => mapping with
        {
            AttributeMappings = [.. mapping.AttributeMappings.Select(attribute => attribute.TargetAttributeName switch
            {
                "userName" => attribute with { MatchingPriority = 0 },
                "externalId" => attribute with { MatchingPriority = 1 },
                _ => attribute,
            })],
        }, cancellationToken);

    /// <summary>Saves the job's schema with its user mapping changed (before the first cycle: nothing to restart yet).</summary>
    private async Task ChangeUserMappingAsync(Guid principal, string jobId, Func<ObjectMapping, ObjectMapping> change, CancellationToken cancellationToken)
    {
        var stored = (await engine.GetJobAsync(principal, jobId, cancellationToken).ConfigureAwait(false))!;
        var schema = stored.Schema with
        {
            SynchronizationRules = [.. stored.Schema.SynchronizationRules.Select(rule => rule with
            {
                ObjectMappings = [.. rule.ObjectMappings.Select(mapping => mapping.TargetObjectName == ScimTargetDirectory.UserObjectName ? change(mapping) : mapping)],
            })],
        };
        (await engine.PutSchemaAsync(principal, jobId, schema, cancellationToken).ConfigureAwait(false)).OrThrow();
    }
}
