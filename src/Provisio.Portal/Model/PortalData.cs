using Provisio.Directory;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Synchronization;

namespace Provisio.Portal.Model;

/// <summary>What several pages read: the applications with their jobs, and one application by id.</summary>
public sealed class PortalData(IDirectoryStore directory, SynchronizationEngine engine)
{
    public SynchronizationEngine Engine => engine;

    public IDirectoryStore Directory => directory;

    /// <summary>Every application, by display name, with its first job.</summary>
    public async Task<IReadOnlyList<PortalApplication>> ListApplicationsAsync(CancellationToken cancellationToken)
    {
        var applications = new List<PortalApplication>();
        DirectoryCursor? after = null;
        do
        {
            var page = await directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.ServicePrincipal, Top = DirectoryQuery.MaximumTop, After = after }, cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                applications.Add(await DescribeAsync(item, cancellationToken).ConfigureAwait(false));
            }

            after = page.Next;
        }
        while (after is not null);

        return [.. applications.OrderBy(application => application.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(application => application.Id)];
    }

    /// <summary>One application, or null when there is none with that id.</summary>
    public async Task<PortalApplication?> GetApplicationAsync(Guid id, CancellationToken cancellationToken) =>
        await directory.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Kind: DirectoryObjectKind.ServicePrincipal, IsSoftDeleted: false } item
            ? await DescribeAsync(item, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<PortalApplication> DescribeAsync(DirectoryObject item, CancellationToken cancellationToken)
    {
        var job = (await engine.ListJobsAsync(item.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var application = new PortalApplication(item.Id, item["displayName"] ?? item.Id.ToString(), job, job is not null && engine.IsCycleRunning(job.Id));
        if (job is null)
        {
            return application;
        }

        var entries = await engine.Store.CountEntriesAsync(job.Id, cancellationToken).ConfigureAwait(false);
        return application with
        {
            Users = entries.GetValueOrDefault("User"),
            Groups = entries.GetValueOrDefault("Group"),
            Escrows = await engine.Store.CountEscrowsAsync(job.Id, cancellationToken).ConfigureAwait(false),
        };
    }
}
