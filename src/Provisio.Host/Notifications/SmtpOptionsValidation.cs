using Microsoft.Extensions.Options;
using MimeKit;

namespace Provisio.Host.Notifications;

/// <summary>Checks <c>Provisio:Smtp</c> when the service starts (STYLE.md §2: messages name the key and the fix).</summary>
internal sealed class SmtpOptionsValidation : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"{SmtpOptions.Section}:Port must be from 1 to 65535, not {port}: the SMTP server's port (25, 587 with UseTls, or 465), or leave it out.");
        }

        if (!MailboxAddress.TryParse(options.From, out var from) || string.IsNullOrEmpty(from.Domain))
        {
            failures.Add($"{SmtpOptions.Section}:From must be an e-mail address such as {SmtpOptions.DefaultFrom}, not '{options.From}'.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{SmtpOptions.Section}:PollInterval must be a positive duration such as 00:00:05, not '{options.PollInterval}'.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{SmtpOptions.Section}:Timeout must be a positive duration such as 00:00:30, not '{options.Timeout}'.");
        }

        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrEmpty(options.UserName))
        {
            failures.Add($"{SmtpOptions.Section}:Password is set without {SmtpOptions.Section}:UserName: set the user name too, or remove the password.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
