using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisio.Directory;
using Provisio.Synchronization;
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

    public static IServiceCollection AddProvisioSynchronization(this IServiceCollection services, ISynchronizationStore store)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        services.AddSingleton(store);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new SynchronizationStoreXmlRepository(store));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton(provider => new SynchronizationEngine(provider.GetRequiredService<IDirectoryStore>(), store,
            provider.GetRequiredService<ISecretProtector>(), TimeProvider.System, provider.GetRequiredService<ILoggerFactory>()));

        services.AddQuartz(quartz =>
        {
            quartz.UseInMemoryStore();
            // Shutdown waits for running cycles and cancels their tokens first: they stop at a checkpoint, not mid-page.
            quartz.ConfigureScheduler(scheduler => scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs);
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddTransient<SynchronizationCycleJob>();
        services.AddSingleton(provider => new QuartzSynchronizationScheduler(provider.GetRequiredService<ISchedulerFactory>(), TimeProvider.System,
            provider.GetRequiredService<ILogger<QuartzSynchronizationScheduler>>()));
        services.AddHostedService<SynchronizationSchedulerService>();
        return services;
    }
}
