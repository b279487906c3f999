namespace Provisio.Synchronization.Notifications;

/// <summary>
/// An e-mail in the outbox (Entra's notification e-mails: a job quarantined, failures piling up), kept in the store
/// until it is sent or given up: whoever wants one sent enqueues it with
/// <see cref="Storage.ISynchronizationStore.EnqueueEmailAsync"/>, and the host's delivery service sends it over SMTP,
/// recording each attempt (<see cref="Storage.ISynchronizationStore.RecordEmailAttemptAsync"/>).
/// </summary>
public sealed record OutgoingEmail
{
    /// <summary>Unique; also the message's <c>Message-ID</c> local part, so a retry that reaches the server twice is recognisable.</summary>
    public required string Id { get; init; }

    /// <summary>The synchronization job it is about, if any (the job's notification e-mail).</summary>
    public string? JobId { get; init; }

    /// <summary>The recipients' addresses.</summary>
    public required IReadOnlyList<string> To { get; init; }

    public required string Subject { get; init; }

    /// <summary>The text/plain body, always sent.</summary>
    public required string TextBody { get; init; }

    /// <summary>A text/html alternative, sent beside <see cref="TextBody"/> when given.</summary>
    public string? HtmlBody { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>How many delivery attempts were made.</summary>
    public int Attempts { get; init; }

    /// <summary>When the next attempt is due (at <see cref="Created"/> for a new e-mail).</summary>
    public required DateTimeOffset NextAttempt { get; init; }

    /// <summary>When the SMTP server accepted it; null while it is not sent.</summary>
    public DateTimeOffset? Sent { get; init; }

    /// <summary>Why the last attempt failed; null when it succeeded or none was made.</summary>
    public string? LastError { get; init; }

    /// <summary>True once delivery was given up (never tried again).</summary>
    public bool GaveUp { get; init; }
}
