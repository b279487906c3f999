using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisio.Directory;
using Provisio.Host.Cluster;
using Provisio.Synchronization;
using Provisio.Synchronization.Cluster;
using Provisio.Synchronization.Storage;
using Quartz;

namespace Provisio.Host.Synchronization;

/// <summary>
/// The synchronization engine in the service: its store (beside the directory's), secrets protected by ASP.NET Core Data
/// Protection with the key ring in that store, the engine, and Quartz.NET (in memory) running the jobs on their schedules.
/// </summary>
internal static class SynchronizationHosting
{
    public const string ApplicationName = "Provisio";

    /// <summary>Quartz's tables in a cluster: <c>provisio.qrtz_*</c>, in the schema of the service's other tables.</summary>
    public const string QuartzTablePrefix = "provisio.qrtz_";

    /// <summary>Quartz's scheduler name: the same on every node of a cluster (its rows in the qrtz_ tables carry it).</summary>
    public const string SchedulerName = "Provisio";

    /// <param name="cluster">When enabled, Quartz keeps the schedule in the database (a registered <see cref="System.Data.Common.DbDataSource"/>,
    /// PostgreSQL) as one node of a cluster; otherwise in memory.</param>
    public static IServiceCollection AddProvisioSynchronization(this IServiceCollection services, ISynchronizationStore store, ClusterOptions? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        cluster ??= new ClusterOptions();
        services.AddSingleton(cluster);
        services.AddSingleton(store);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new SynchronizationStoreXmlRepository(store));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton(provider => new SynchronizationEngine(provider.GetRequiredService<IDirectoryStore>(), store,
            provider.GetRequiredService<ISecretProtector>(), TimeProvider.System, provider.GetRequiredService<ILoggerFactory>()));

        services.AddQuartz(quartz =>
        {
            if (cluster.Enabled)
            {
                quartz.UsePersistentStore(persistent =>
                {
                    persistent.UsePostgres(database => database.UseRegisteredDataSource = true);
                    persistent.ConfigureStore(options =>
                    {
                        // Beside the service's own tables, in its schema.
                        options.TablePrefix = QuartzTablePrefix;
                        // A cycle cut off by a shutdown resumes on another node at once instead of at its next interval.
                        options.RecoverFiringsCancelledByShutdown = true;
                    });
                    persistent.ProvisionSchema();
                    persistent.UseClustering(clustering =>
                    {
                        clustering.CheckinInterval = cluster.CheckinInterval;
                        clustering.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
                    });
                });
                quartz.UseDefaultThreadPool(cluster.EffectiveMaxConcurrentCycles);
            }
            else
            {
                quartz.UseInMemoryStore();
            }

            // Shutdown waits for running cycles and cancels their tokens first: they stop at a checkpoint, not mid-page.
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
                scheduler.InstanceName = SchedulerName;
                if (cluster.Enabled)
                {
                    scheduler.InstanceId = cluster.EffectiveNodeId;
                    scheduler.IdleWaitTime = cluster.IdleWaitTime;
                }
            });
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddTransient<SynchronizationCycleJob>();
        services.AddSingleton(provider => new QuartzSynchronizationScheduler(provider.GetRequiredService<ISchedulerFactory>(), TimeProvider.System,
            provider.GetRequiredService<ILogger<QuartzSynchronizationScheduler>>()));
        services.AddHostedService<SynchronizationSchedulerService>();
        if (cluster.Enabled)
        {
            services.AddSingleton<IClusterMembership>(provider => new QuartzClusterMembership(provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), cluster, TimeProvider.System));
        }
        else
        {
            services.AddSingleton<IClusterMembership>(provider => new SingleNodeMembership(provider.GetRequiredService<SynchronizationEngine>(), cluster, TimeProvider.System));
        }

        return services;
    }
}
