using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisio.Host.Notifications;
using Provisio.Synchronization.Notifications;
using Provisio.Synchronization.Storage.Sqlite;

namespace Provisio.Host.Tests.Notifications;

/// <summary>
/// A real outbox (the synchronization store on a fresh SQLite file) with a clock the test moves
/// (<see cref="FakeTimeProvider"/>), and delivery services over it whose log is kept (<see cref="FakeLogger"/>).
/// </summary>
internal sealed class Outbox : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-outbox-").FullName;

    private Outbox()
    {
        Store = new SqliteSynchronizationStore(Path.Combine(_folder, "provisio.db"), Time);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public SqliteSynchronizationStore Store { get; }

    public FakeLogger<EmailDeliveryService> Log { get; } = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<Outbox> CreateAsync()
    {
        var outbox = new Outbox();
        await outbox.Store.InitializeAsync(Cancellation);
        return outbox;
    }

    public EmailDeliveryService Delivery(SmtpOptions options) => new(Store, Options.Create(options), Time, Log);

    /// <summary>An e-mail due now (the fake clock's now), enqueued.</summary>
    public async Task<OutgoingEmail> EnqueueAsync(string id, string? htmlBody = "<p>The job <b>scim.1</b> is in quarantine.</p>", params string[] to)
    {
        var email = new OutgoingEmail
        {
            Id = id,
            JobId = "scim.1",
            To = to.Length == 0 ? ["ops@contoso.com", "admin@contoso.com"] : to,
            Subject = "Provisioning of Contoso SCIM is in quarantine",
            TextBody = "The job scim.1 is in quarantine.\r\n.\r\nFix the credentials.",
            HtmlBody = htmlBody,
            Created = Time.GetUtcNow(),
            NextAttempt = Time.GetUtcNow(),
        };
        await Store.EnqueueEmailAsync(email, Cancellation);
        return email;
    }

    public async Task<OutgoingEmail> ReadAsync(string id) => (await Store.ListEmailsAsync(null, 1000, Cancellation)).Single(email => email.Id == id);

    /// <summary>Everything logged so far, as one text (to look for what must never be there).</summary>
    public string LoggedText() => string.Join('\n', Log.Collector.GetSnapshot().Select(record => record.Message + " " + record.Exception));

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
