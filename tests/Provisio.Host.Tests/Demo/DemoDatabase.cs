using Provisio.Host.Cli;
using Provisio.Synchronization.Logs;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Tests.Demo;

/// <summary>Reads what a stopped demo left in its database: every provisioning log entry of a job, its escrows.</summary>
internal static class DemoDatabase
{
    public static async Task<ProvisioDatabase> OpenAsync(string database) =>
        (await ProvisioDatabase.OpenAsync(database, TextWriter.Null, TestContext.Current.CancellationToken))!;

    public static async Task<List<ProvisioningObjectSummary>> LogsAsync(this ProvisioDatabase database, string jobId)
    {
        var all = new List<ProvisioningObjectSummary>();
        var query = new ProvisioningLogQuery { JobId = jobId, Top = 500 };
        while (true)
        {
            var page = await database.Synchronization.QueryLogsAsync(query, TestContext.Current.CancellationToken);
            all.AddRange(page.Entries);
            if (page.Next is not { } next)
            {
                return all;
            }

            query = query with { After = next };
        }
    }

    public static async Task<List<EscrowEntry>> EscrowsAsync(this ProvisioDatabase database, string jobId)
    {
        var all = new List<EscrowEntry>();
        await foreach (var escrow in database.Synchronization.ReadEscrowsAsync(jobId, TestContext.Current.CancellationToken))
        {
            all.Add(escrow);
        }

        return all;
    }
}
