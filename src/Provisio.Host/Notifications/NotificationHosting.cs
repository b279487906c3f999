using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Provisio.Host.Notifications;

/// <summary>
/// E-mail in the service: <see cref="SmtpOptions"/> from <c>Provisio:Smtp</c> (validated at start), and
/// <see cref="EmailDeliveryService"/> sending the store's outbox. Needs the synchronization store registered
/// (<c>AddProvisioSynchronization</c>).
/// </summary>
internal static class NotificationHosting
{
    public static IServiceCollection AddProvisioNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EmailDeliveryService>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailDeliveryService>());
        return services;
    }
}
