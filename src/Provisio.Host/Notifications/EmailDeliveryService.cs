using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Provisio.Host.Synchronization;
using Provisio.Synchronization.Notifications;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Notifications;

/// <summary>
/// Sends the outbox (<see cref="ISynchronizationStore.ReadDueEmailsAsync"/>) over SMTP with MailKit, a pass every
/// <see cref="SmtpOptions.PollInterval"/>: one connection per pass, each due e-mail sent and its attempt recorded. A
/// failure (the server down, refusing the login or the message) is recorded on the e-mail with a retry on
/// <see cref="EmailRetrySchedule"/>, and given up after three days; nothing leaves the service, whose other work goes on.
/// Without <see cref="SmtpOptions.Host"/> it says so once and leaves the outbox as it is.
/// </summary>
internal sealed class EmailDeliveryService(ISynchronizationStore store, IOptions<SmtpOptions> options, TimeProvider time, ILogger<EmailDeliveryService> logger)
    : BackgroundService
{
    /// <summary>At most this many e-mails a pass; more wait for the next.</summary>
    public const int BatchSize = 50;

    private readonly SmtpOptions _options = options.Value;

    public bool IsConfigured => _options.IsConfigured;

    /// <summary>
    /// One pass: sends the e-mails due now and records each attempt; how many were sent. Nothing when e-mail is not
    /// configured. SMTP failures are recorded, not thrown; only the store's own failures and cancellation are.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return 0;
        }

        var due = await store.ReadDueEmailsAsync(time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return 0;
        }

        var from = MailboxAddress.Parse(_options.From);
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        string? unreachable = null;
        var sent = 0;
        foreach (var email in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (OutgoingEmailMime.Create(email, from, time.GetUtcNow(), out var problem) is not { } message)
            {
                // Never deliverable as written: trying again would not help.
                await RecordFailureAsync(email, problem!, giveUp: true, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A server that could not be reached (or refused the login) this pass fails the pass's other e-mails the same way.
            if (unreachable is null && !client.IsConnected)
            {
                unreachable = await ConnectAsync(client, cancellationToken).ConfigureAwait(false);
            }

            if (unreachable is not null)
            {
                await RecordFailureAsync(email, unreachable, giveUp: false, cancellationToken).ConfigureAwait(false);
                continue;
            }

            string? error = null;
            try
            {
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
            {
                error = $"Sending failed: {Describe(exception)}";
            }

            if (error is not null)
            {
                await RecordFailureAsync(email, error, giveUp: false, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // The server has it: recorded even when the service is stopping, or the next start would send it again.
            await store.RecordEmailAttemptAsync(email.Id, time.GetUtcNow(), error: null, nextAttempt: null, gaveUp: false, CancellationToken.None).ConfigureAwait(false);
            logger.EmailSent(email.Id, email.JobId, email.To.Count);
            sent++;
        }

        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
            {
                // the messages are sent; a QUIT the server did not answer changes nothing
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsConfigured)
        {
            logger.EmailNotConfigured();
            return;
        }

        logger.EmailDeliveryStarted(_options.Host!, _options.EffectivePort, _options.Security.ToString(),
            string.IsNullOrEmpty(_options.UserName) ? "no authentication" : "authenticating", _options.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(_options.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // shutting down: an e-mail in flight is tried again next start (its attempt was not recorded)
            }
            catch (Exception exception) when (exception is not (OutOfMemoryException or InsufficientExecutionStackException))
            {
                // The store unreachable, say: the outbox waits for the next pass.
                logger.EmailPassFailed(exception);
                await Task.Delay(_options.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Connects (and authenticates when a user is configured); null when done, else why not.</summary>
    private async Task<string?> ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ConnectAsync(_options.Host!, _options.EffectivePort, _options.Security, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
        {
            return $"Connecting to {_options.Host}:{_options.EffectivePort} failed: {Describe(exception)}";
        }

        if (string.IsNullOrEmpty(_options.UserName))
        {
            return null;
        }

        try
        {
            await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
        {
            await DisconnectQuietlyAsync(client, cancellationToken).ConfigureAwait(false);
            return $"Authenticating to {_options.Host}:{_options.EffectivePort} as {_options.UserName} failed: {Describe(exception)}";
        }
    }

    private async Task RecordFailureAsync(OutgoingEmail email, string error, bool giveUp, CancellationToken cancellationToken)
    {
        var attempt = email.Attempts + 1;
        var next = giveUp ? null : EmailRetrySchedule.NextAttempt(email.Created, attempt, time.GetUtcNow());
        await store.RecordEmailAttemptAsync(email.Id, sent: null, error, next, gaveUp: next is null, cancellationToken).ConfigureAwait(false);
        if (next is { } retry)
        {
            logger.EmailFailed(email.Id, email.JobId, attempt, error, retry);
        }
        else
        {
            logger.EmailGaveUp(email.Id, email.JobId, attempt, error);
        }
    }

    private static async Task DisconnectQuietlyAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsSmtpFailure(exception, cancellationToken))
        {
            // already gone
        }
    }

    /// <summary>What can go wrong talking to an SMTP server (MailKit's exceptions, the network's, a timeout); not a shutdown.</summary>
    private static bool IsSmtpFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        SocketException or IOException or TimeoutException => true,
        CommandException or ProtocolException or AuthenticationException or SslHandshakeException => true,
        ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException => true,
        _ => false,
    };

    /// <summary>The failure in a line, with the password (should a server ever echo it) masked.</summary>
    private string Describe(Exception exception)
    {
        var text = exception is SmtpCommandException command ? $"{(int)command.StatusCode} {command.Message}" : exception.Message;
        text = text.ReplaceLineEndings(" ").Trim();
        return string.IsNullOrEmpty(_options.Password) ? text : text.Replace(_options.Password, "****", StringComparison.Ordinal);
    }
}
