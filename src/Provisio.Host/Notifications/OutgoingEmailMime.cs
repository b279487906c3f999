using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;
using Provisio.Synchronization.Notifications;

namespace Provisio.Host.Notifications;

/// <summary>
/// An outbox e-mail as the MIME message sent: the configured sender, its recipients and subject, a text/plain body and,
/// when it has one, a text/html alternative (multipart/alternative, text first as RFC 2046 §5.1.4 orders them), marked
/// as automatically generated so that auto-replies stay away. The sender may carry a display name
/// (<c>Provisio:Smtp:From</c> = <c>Contoso provisioning &lt;provisioning-noreply@contoso.com&gt;</c>).
/// </summary>
internal static partial class OutgoingEmailMime
{
    /// <summary>The message, or null with <paramref name="problem"/> when an address cannot be sent to (delivery would never succeed).</summary>
    public static MimeMessage? Create(OutgoingEmail email, MailboxAddress from, DateTimeOffset date, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(from);
        problem = null;
        if (email.To.Count == 0)
        {
            problem = "The e-mail has no recipient.";
            return null;
        }

        var message = new MimeMessage();
        message.From.Add(from);
        foreach (var address in email.To)
        {
            if (!MailboxAddress.TryParse(address, out var recipient) || string.IsNullOrEmpty(recipient.Domain))
            {
                problem = $"The recipient '{address}' is not an e-mail address.";
                return null;
            }

            message.To.Add(recipient);
        }

        message.Subject = email.Subject;
        message.Date = date;

        // The outbox id in the Message-ID, so that a message sent twice (the server took it, the answer was lost) is recognisable.
        message.MessageId = SafeId().IsMatch(email.Id) ? $"{email.Id}@{from.Domain}" : MimeUtils.GenerateMessageId(from.Domain);
        // Machine-sent: out-of-office and other auto-replies must not answer it (RFC 3834 §5; Exchange reads its own header).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();
}
