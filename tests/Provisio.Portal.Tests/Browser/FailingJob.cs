using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Synchronization.Jobs;

namespace Provisio.Portal.Tests.Browser;

/// <summary>
/// A job whose users all fail and whose groups succeed, deterministically: the target requires the enterprise
/// <c>employeeNumber</c> (<c>require-attribute</c> fault), which the template maps from <c>employeeId</c>, and no user
/// here has one; groups are not subject to it. The job is started (audited), its initial cycle (the scheduler runs it
/// at once) awaited, and paused (audited), so no other cycle runs while the test reads.
/// </summary>
internal sealed record FailingJob(PortalSite Site, Guid ServicePrincipal, string JobId, SynchronizationTaskExecution Cycle)
{
    public const string EmployeeNumber = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber";

    public static readonly string[] Users = ["ann", "bob", "cid"];

    public static readonly string[] Groups = ["Sales", "Pilot"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<FailingJob> StartAsync(string displayName = "Contoso HR")
    {
        var site = await PortalSite.StartAsync(users: 0);
        try
        {
            var target = await site.StartTargetAsync($"require-attribute:{EmployeeNumber}");
            var (servicePrincipal, jobId) = await site.AddApplicationAsync(displayName, target);
            foreach (var alias in Users)
            {
                await site.AddUserAsync(alias, Cancellation);
            }

            foreach (var name in Groups)
            {
                (await site.Directory.CreateAsync(DirectoryObjectKind.Group, new JsonObject
                {
                    ["displayName"] = name,
                    ["mailNickname"] = name,
                    ["securityEnabled"] = true,
                    ["mailEnabled"] = false,
                }, Cancellation)).Succeeded.ShouldBeTrue();
            }

            (await site.Engine.StartAsync(servicePrincipal, jobId, Cancellation)).Succeeded.ShouldBeTrue();
            var cycle = await InitialCycleAsync(site, servicePrincipal, jobId);
            (await site.Engine.PauseAsync(servicePrincipal, jobId, Cancellation)).Succeeded.ShouldBeTrue();
            return new FailingJob(site, servicePrincipal, jobId, cycle);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the cycle that starting the job runs (the scheduler's, at once) to end.</summary>
    private static async Task<SynchronizationTaskExecution> InitialCycleAsync(PortalSite site, Guid servicePrincipal, string jobId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if ((await site.Engine.GetJobAsync(servicePrincipal, jobId, timeout.Token))?.Job.Status.LastExecution is { } last && !site.Engine.IsCycleRunning(jobId))
            {
                return last;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
