using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisio.Host.Cli;
using Provisio.Host.Notifications;
using Provisio.Synchronization.Notifications;
using Provisio.Synchronization.Storage;

namespace Provisio.Host.Tests.Notifications;

/// <summary>E-mail in a real <c>provisio serve</c>: <c>Provisio:Smtp</c> read and checked at start, the outbox sent by the service itself.</summary>
public sealed class EmailHostingTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("provisio-email-host-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_SmtpConfigured_SendsAnEnqueuedEmail()
    {
        // Arrange
        await using var sink = SmtpSink.Start(requiredCredentials: new NetworkCredential("provisio", "host-secret-77"));
        var app = await BuildAsync("--Provisio:Smtp:Host=127.0.0.1", $"--Provisio:Smtp:Port={sink.Port}", "--Provisio:Smtp:UserName=provisio",
            "--Provisio:Smtp:Password=host-secret-77", "--Provisio:Smtp:From=notifications@contoso.test", "--Provisio:Smtp:PollInterval=00:00:00.100");
        await using var _ = app;
        await app.StartAsync(Cancellation);
        var store = app.Services.GetRequiredService<ISynchronizationStore>();

        // Act
        await store.EnqueueEmailAsync(Email("hosted"), Cancellation);
        var message = await sink.NextMessageAsync(Wait, Cancellation);

        // Assert
        message.MailFrom.ShouldBe("notifications@contoso.test");
        message.Recipients.ShouldBe(["ops@contoso.com"]);
        message.AuthenticatedUser.ShouldBe("provisio");
        (await EventuallyAsync(async () => (await store.ListEmailsAsync("scim.host", 10, Cancellation)).Single().Sent is not null))
            .ShouldBeTrue("the service records the delivery");
        await app.StopAsync(Cancellation);
    }

    [Fact]
    public async Task Serve_NoSmtpHost_EmailsStayQueued()
    {
        // Arrange
        var app = await BuildAsync();
        await using var _ = app;
        var store = app.Services.GetRequiredService<ISynchronizationStore>();
        await store.EnqueueEmailAsync(Email("waiting"), Cancellation);

        // Act: the delivery service starts with the host, sees no Provisio:Smtp:Host and ends
        await app.StartAsync(Cancellation);
        var delivery = app.Services.GetRequiredService<EmailDeliveryService>();
        await delivery.ExecuteTask!.WaitAsync(Wait, Cancellation);
        var pass = await delivery.DeliverDueAsync(Cancellation);
        await app.StopAsync(Cancellation);

        // Assert
        delivery.IsConfigured.ShouldBeFalse();
        pass.ShouldBe(0);
        var queued = (await store.ListEmailsAsync(null, 10, Cancellation)).ShouldHaveSingleItem();
        queued.Id.ShouldBe("waiting");
        queued.Attempts.ShouldBe(0);
        queued.Sent.ShouldBeNull();
        queued.GaveUp.ShouldBeFalse();
    }

    [Fact]
    public async Task Serve_SmtpServerDown_KeepsServingAndRecordsTheFailedAttempt()
    {
        // Arrange
        var port = SmtpSink.UnusedPort();
        var app = await BuildAsync("--Provisio:Smtp:Host=127.0.0.1", $"--Provisio:Smtp:Port={port}", "--Provisio:Smtp:PollInterval=00:00:00.100");
        await using var _ = app;
        await app.StartAsync(Cancellation);
        var store = app.Services.GetRequiredService<ISynchronizationStore>();

        // Act
        await store.EnqueueEmailAsync(Email("unlucky"), Cancellation);
        var attempted = await EventuallyAsync(async () => (await store.ListEmailsAsync(null, 10, Cancellation)).Single().Attempts > 0);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Cancellation);

        // Assert
        attempted.ShouldBeTrue("the service made an attempt");
        var email = (await store.ListEmailsAsync(null, 10, Cancellation)).Single();
        email.LastError.ShouldNotBeNull();
        email.LastError.ShouldStartWith($"Connecting to 127.0.0.1:{port} failed: ");
        email.NextAttempt.ShouldBeGreaterThan(email.Created);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Services.GetRequiredService<EmailDeliveryService>().ExecuteTask!.IsCompleted.ShouldBeFalse("the delivery service keeps running");
        await app.StopAsync(Cancellation);
    }

    [Theory]
    [InlineData("--Provisio:Smtp:Port=0", "Provisio:Smtp:Port must be from 1 to 65535, not 0")]
    [InlineData("--Provisio:Smtp:From=nobody", "Provisio:Smtp:From must be an e-mail address")]
    [InlineData("--Provisio:Smtp:PollInterval=00:00:00", "Provisio:Smtp:PollInterval must be a positive duration")]
    [InlineData("--Provisio:Smtp:Password=alone", "Provisio:Smtp:Password is set without Provisio:Smtp:UserName")]
    public async Task Serve_InvalidSmtpOption_RefusesToStartNamingTheKey(string option, string message)
    {
        var app = await BuildAsync("--Provisio:Smtp:Host=127.0.0.1", option);
        await using var _ = app;

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(Cancellation));

        refused.Message.ShouldContain(message);
        refused.Message.ShouldNotContain("alone", Case.Sensitive, "a password is never repeated in a message");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private async Task<WebApplication> BuildAsync(params string[] options) =>
        (await ServeCommand.BuildAsync("http://127.0.0.1:0", $"sqlite:{Path.Combine(_folder, $"{Guid.NewGuid():N}.db")}",
            ["--Provisio:AdminKey=email-host-key", "--Logging:LogLevel:Default=Warning", .. options],
            new CommandLineConsole(TextReader.Null, TextWriter.Null, TextWriter.Null), Cancellation))!;

    private static OutgoingEmail Email(string id) => new()
    {
        Id = id,
        JobId = "scim.host",
        To = ["ops@contoso.com"],
        Subject = "Quarantine",
        TextBody = "The job is in quarantine.",
        Created = DateTimeOffset.UtcNow,
        NextAttempt = DateTimeOffset.UtcNow,
    };

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Wait)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), Cancellation);
        }

        return await condition();
    }
}
