using MailKit.Security;

namespace Provisio.Host.Notifications;

/// <summary>
/// How the service sends its e-mails, from the configuration section <c>Provisio:Smtp</c> (<see cref="Section"/>).
/// Without <see cref="Host"/> e-mail is not configured: e-mails stay in the outbox. The password is only ever given to
/// the SMTP server, never logged or stored with an e-mail's error.
/// </summary>
internal sealed class SmtpOptions
{
    public const string Section = "Provisio:Smtp";

    public const string DefaultFrom = "provisio-noreply@localhost";

    /// <summary>The SMTP server's name or address; unset means e-mail is not configured.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port; 25 unless set, or 587 when <see cref="UseTls"/> is.</summary>
    public int? Port { get; set; }

    /// <summary>Encrypt: TLS from the first byte on port 465, STARTTLS (required) on any other port. Off: plain SMTP.</summary>
    public bool UseTls { get; set; }

    /// <summary>Authenticate as this user (with <see cref="Password"/>) when set; otherwise send without authenticating.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address (Entra's notification e-mails come from azure-noreply@microsoft.com).</summary>
    public string From { get; set; } = DefaultFrom;

    /// <summary>How often the outbox is looked at for due e-mails.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one SMTP operation (connect, a command, sending a message) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? (UseTls ? 587 : 25);

    public SecureSocketOptions Security => !UseTls
        ? SecureSocketOptions.None
        : EffectivePort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
}
