using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using MimeKit;
using Provisio.Host.Notifications;

namespace Provisio.Host.Tests.Notifications;

/// <summary>
/// <see cref="EmailDeliveryService"/> sending a real outbox to a real SMTP server on loopback (<see cref="SmtpSink"/>),
/// one pass at a time (<see cref="EmailDeliveryService.DeliverDueAsync"/>) on a clock the test moves.
/// </summary>
public sealed class EmailDeliveryTests
{
    private const string From = "alerts@provisio.test";
    private const string Password = "smtp-pa55-9f3e";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static SmtpOptions Options(int port, string? userName = null, string? password = null) =>
        new() { Host = "127.0.0.1", Port = port, From = From, UserName = userName, Password = password, Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task DeliverDue_EmailWithHtml_SentOnceWithFromToSubjectAndBothParts()
    {
        // Arrange
        await using var outbox = await Outbox.CreateAsync();
        await using var sink = SmtpSink.Start();
        var email = await outbox.EnqueueAsync("2f7c9d1e-8a4b-4c3d-9e2f-1a0b9c8d7e6f");
        var delivery = outbox.Delivery(Options(sink.Port));

        // Act
        var sent = await delivery.DeliverDueAsync(Cancellation);
        var again = await delivery.DeliverDueAsync(Cancellation);

        // Assert: the envelope and the message
        sent.ShouldBe(1);
        again.ShouldBe(0);
        var received = sink.Messages.ShouldHaveSingleItem();
        received.MailFrom.ShouldBe(From);
        received.Recipients.ShouldBe(["ops@contoso.com", "admin@contoso.com"]);
        received.AuthenticatedUser.ShouldBeNull();
        var message = Parse(received);
        message.From.Mailboxes.Single().Address.ShouldBe(From);
        message.To.Mailboxes.Select(mailbox => mailbox.Address).ShouldBe(["ops@contoso.com", "admin@contoso.com"]);
        message.Subject.ShouldBe(email.Subject);
        message.MessageId.ShouldBe($"{email.Id}@provisio.test");
        message.Date.ShouldBe(Outbox.T0);
        var alternative = message.Body.ShouldBeOfType<MultipartAlternative>();
        alternative.Select(part => part.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        message.TextBody!.ReplaceLineEndings("\n").ShouldBe(email.TextBody.ReplaceLineEndings("\n"));
        message.HtmlBody!.Trim().ShouldBe(email.HtmlBody);

        // the outbox
        var stored = await outbox.ReadAsync(email.Id);
        stored.Sent.ShouldBe(Outbox.T0);
        stored.Attempts.ShouldBe(1);
        stored.LastError.ShouldBeNull();
        outbox.Log.Collector.GetSnapshot().ShouldContain(record => record.Id.Id == 6003);
    }

    [Fact]
    public async Task DeliverDue_TextOnly_OnePlainPart()
    {
        await using var outbox = await Outbox.CreateAsync();
        await using var sink = SmtpSink.Start();
        await outbox.EnqueueAsync("text-only", htmlBody: null);

        await outbox.Delivery(Options(sink.Port)).DeliverDueAsync(Cancellation);

        var message = Parse(sink.Messages.ShouldHaveSingleItem());
        message.Body.ShouldBeOfType<TextPart>().ContentType.MimeType.ShouldBe("text/plain");
        message.HtmlBody.ShouldBeNull();
    }

    [Fact]
    public async Task DeliverDue_CredentialsConfigured_AuthenticatesWithThemAndNeverLogsThePassword()
    {
        // Arrange
        await using var outbox = await Outbox.CreateAsync();
        await using var sink = SmtpSink.Start(requiredCredentials: new NetworkCredential("provisio", Password));
        await outbox.EnqueueAsync("authenticated");

        // Act
        var sent = await outbox.Delivery(Options(sink.Port, "provisio", Password)).DeliverDueAsync(Cancellation);

        // Assert
        sent.ShouldBe(1);
        var received = sink.Messages.ShouldHaveSingleItem();
        received.AuthenticatedUser.ShouldBe("provisio");
        received.AuthenticationMechanism.ShouldBeOneOf("PLAIN", "LOGIN");
        sink.FailedAuthentications.ShouldBe(0);
        outbox.LoggedText().ShouldNotContain(Password);
    }

    [Fact]
    public async Task DeliverDue_WrongPassword_FailureRecordedAndRetriedWithoutThePassword()
    {
        // Arrange: the server wants another password than the one configured
        await using var outbox = await Outbox.CreateAsync();
        await using var sink = SmtpSink.Start(requiredCredentials: new NetworkCredential("provisio", "the-right-one"));
        await outbox.EnqueueAsync("refused");

        // Act
        var sent = await outbox.Delivery(Options(sink.Port, "provisio", Password)).DeliverDueAsync(Cancellation);

        // Assert
        sent.ShouldBe(0);
        sink.Messages.ShouldBeEmpty();
        sink.FailedAuthentications.ShouldBeInRange(1, 2, "MailKit may try each mechanism offered (PLAIN, LOGIN) once");
        var stored = await outbox.ReadAsync("refused");
        stored.Attempts.ShouldBe(1);
        stored.Sent.ShouldBeNull();
        stored.GaveUp.ShouldBeFalse();
        stored.NextAttempt.ShouldBe(Outbox.T0.AddMinutes(1));
        stored.LastError.ShouldNotBeNull();
        stored.LastError.ShouldStartWith($"Authenticating to 127.0.0.1:{sink.Port} as provisio failed: ");
        stored.LastError.ShouldContain("535");
        stored.LastError.ShouldNotContain(Password);
        var warning = outbox.Log.Collector.GetSnapshot().ShouldHaveSingleItem();
        warning.Id.Id.ShouldBe(6004);
        warning.Level.ShouldBe(LogLevel.Warning);
        outbox.LoggedText().ShouldNotContain(Password);
    }

    [Fact]
    public async Task DeliverDue_ServerDownThenUp_AttemptRecordedThenDeliveredWhenTheRetryIsDue()
    {
        // Arrange: nothing listens on the port yet
        await using var outbox = await Outbox.CreateAsync();
        var port = SmtpSink.UnusedPort();
        await outbox.EnqueueAsync("retried");
        var delivery = outbox.Delivery(Options(port));

        // Act 1: the server is down
        var whileDown = await delivery.DeliverDueAsync(Cancellation);
        var failed = await outbox.ReadAsync("retried");

        // Act 2: the server comes up; a pass a tick before the retry is due sends nothing, one at it sends the e-mail
        await using var sink = SmtpSink.Start(port);
        outbox.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        var early = await delivery.DeliverDueAsync(Cancellation);
        outbox.Time.Advance(TimeSpan.FromTicks(1));
        var due = await delivery.DeliverDueAsync(Cancellation);

        // Assert
        whileDown.ShouldBe(0);
        failed.Attempts.ShouldBe(1);
        failed.Sent.ShouldBeNull();
        failed.NextAttempt.ShouldBe(Outbox.T0.AddMinutes(1));
        failed.LastError.ShouldNotBeNull();
        failed.LastError.ShouldStartWith($"Connecting to 127.0.0.1:{port} failed: ");
        early.ShouldBe(0);
        due.ShouldBe(1);
        (await sink.NextMessageAsync(Wait, Cancellation)).Recipients.ShouldBe(["ops@contoso.com", "admin@contoso.com"]);
        var delivered = await outbox.ReadAsync("retried");
        delivered.Attempts.ShouldBe(2);
        delivered.Sent.ShouldBe(Outbox.T0.AddMinutes(1));
        delivered.LastError.ShouldBeNull();
    }

    [Fact]
    public async Task DeliverDue_ServerDownForThreeDays_BacksOffToHourlyThenGivesUp()
    {
        // Arrange
        await using var outbox = await Outbox.CreateAsync();
        await outbox.EnqueueAsync("doomed");
        var delivery = outbox.Delivery(Options(SmtpSink.UnusedPort()));

        // Act: a pass at each retry's time until the e-mail is given up
        var attempts = new List<DateTimeOffset>();
        for (var pass = 0; pass < 200; pass++)
        {
            attempts.Add(outbox.Time.GetUtcNow());
            await delivery.DeliverDueAsync(Cancellation);
            var email = await outbox.ReadAsync("doomed");
            if (email.GaveUp)
            {
                break;
            }

            email.NextAttempt.ShouldBeGreaterThan(outbox.Time.GetUtcNow());
            outbox.Time.SetUtcNow(email.NextAttempt);
        }

        // Assert
        var gaps = attempts.Zip(attempts.Skip(1), (earlier, later) => (later - earlier).TotalMinutes).ToList();
        gaps.Take(8).ShouldBe([1, 2, 4, 8, 16, 32, 60, 60]);
        gaps.Skip(6).ShouldAllBe(gap => gap == 60);
        attempts[^1].ShouldBeGreaterThanOrEqualTo(Outbox.T0.AddDays(3));
        attempts[^2].ShouldBeLessThan(Outbox.T0.AddDays(3));
        var given = await outbox.ReadAsync("doomed");
        given.GaveUp.ShouldBeTrue();
        given.Attempts.ShouldBe(attempts.Count);
        given.Sent.ShouldBeNull();
        (await outbox.Store.ReadDueEmailsAsync(Outbox.T0.AddYears(1), 10, Cancellation)).ShouldBeEmpty();
        outbox.Log.Collector.GetSnapshot().Count(record => record.Id.Id == 6005).ShouldBe(1);
    }

    [Fact]
    public async Task DeliverDue_OneBadRecipient_ThatEmailGivenUpAtOnceTheOthersSent()
    {
        await using var outbox = await Outbox.CreateAsync();
        await using var sink = SmtpSink.Start();
        await outbox.EnqueueAsync("bad", "<p>x</p>", "not an address");
        outbox.Time.Advance(TimeSpan.FromSeconds(1));
        await outbox.EnqueueAsync("good");

        var sent = await outbox.Delivery(Options(sink.Port)).DeliverDueAsync(Cancellation);

        sent.ShouldBe(1);
        sink.Messages.ShouldHaveSingleItem();
        var bad = await outbox.ReadAsync("bad");
        bad.GaveUp.ShouldBeTrue();
        bad.LastError.ShouldBe("The recipient 'not an address' is not an e-mail address.");
        (await outbox.ReadAsync("good")).Sent.ShouldNotBeNull();
    }

    [Fact]
    public async Task Execute_NoHostConfigured_SaysSoOnceAndLeavesTheOutbox()
    {
        // Arrange
        await using var outbox = await Outbox.CreateAsync();
        await outbox.EnqueueAsync("queued");
        using var delivery = outbox.Delivery(new SmtpOptions { Host = null, Port = 2525 });

        // Act
        await delivery.StartAsync(Cancellation);
        await delivery.ExecuteTask!.WaitAsync(Wait, Cancellation);
        var pass = await delivery.DeliverDueAsync(Cancellation);
        await delivery.StopAsync(Cancellation);

        // Assert
        delivery.IsConfigured.ShouldBeFalse();
        pass.ShouldBe(0);
        var record = outbox.Log.Collector.GetSnapshot().ShouldHaveSingleItem();
        record.Id.Id.ShouldBe(6001);
        record.Level.ShouldBe(LogLevel.Information);
        var queued = await outbox.ReadAsync("queued");
        queued.Attempts.ShouldBe(0);
        queued.Sent.ShouldBeNull();
        queued.LastError.ShouldBeNull();
        (await outbox.Store.ReadDueEmailsAsync(outbox.Time.GetUtcNow(), 10, Cancellation)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Execute_ServerDown_KeepsRunningAndDeliversOnceTheServerIsUp()
    {
        // Arrange
        await using var outbox = await Outbox.CreateAsync();
        var port = SmtpSink.UnusedPort();
        await outbox.EnqueueAsync("background");
        var options = Options(port);
        options.PollInterval = TimeSpan.FromSeconds(5);
        using var delivery = outbox.Delivery(options);

        // Act: the service's own loop makes the first attempt while nothing listens
        await delivery.StartAsync(Cancellation);
        (await EventuallyAsync(async () => (await outbox.ReadAsync("background")).Attempts == 1)).ShouldBeTrue("the first attempt was recorded");

        // then the server comes up, and the clock moves a poll interval at a time until the retry's pass has sent it
        await using var sink = SmtpSink.Start(port);
        var arriving = sink.NextMessageAsync(Wait, Cancellation);
        while (!arriving.IsCompleted)
        {
            outbox.Time.Advance(options.PollInterval);
            await Task.WhenAny(arriving, Task.Delay(TimeSpan.FromMilliseconds(20), Cancellation));
        }

        var message = await arriving;
        (await EventuallyAsync(async () => (await outbox.ReadAsync("background")).Sent is not null)).ShouldBeTrue("the delivery was recorded");
        await delivery.StopAsync(Cancellation);

        // Assert
        message.Recipients.ShouldBe(["ops@contoso.com", "admin@contoso.com"]);
        delivery.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
        outbox.Log.Collector.GetSnapshot().Select(record => record.Id.Id).ShouldBe([6002, 6004, 6003]);
    }

    private static MimeMessage Parse(SmtpSinkMessage received) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), Cancellation);
        }

        return await condition();
    }
}
