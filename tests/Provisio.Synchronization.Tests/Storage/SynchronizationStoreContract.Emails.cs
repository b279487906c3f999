using Provisio.Synchronization.Notifications;

namespace Provisio.Synchronization.Tests.Storage;

/// <summary>The e-mail outbox: enqueued, read when due (oldest first), each delivery attempt recorded, listed newest first.</summary>
public abstract partial class SynchronizationStoreContract
{
    private const string EmailJob = "scim.7c6b5a4f3e2d4c1b8a9f0e1d2c3b4a59";

    [Fact]
    public async Task EnqueueEmail_EveryProperty_ListedAsEnqueued()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var email = Email("E1", T0.AddTicks(7654321)) with
        {
            To = ["ops@contoso.com", "zoë@contoso.com"],
            Subject = "Provisioning of Contoso SCIM is in quarantine — «action»",
            TextBody = "Line one\r\n.\r\nLine three",
            HtmlBody = "<p>Zoë's job is in <b>quarantine</b></p>",
            NextAttempt = T0.AddMinutes(5).AddTicks(3),
            Attempts = 2,
            LastError = "Connecting to smtp:25 failed",
        };
        var sent = Email("E2", T0.AddSeconds(1)) with { JobId = null, HtmlBody = null, Sent = T0.AddSeconds(2).AddTicks(9), GaveUp = true };

        // Act
        await store.EnqueueEmailAsync(email, Cancellation);
        await store.EnqueueEmailAsync(sent, Cancellation);
        var listed = await store.ListEmailsAsync(null, 10, Cancellation);

        // Assert
        listed.Count.ShouldBe(2);
        ShouldBeEqual(listed[1], email);
        ShouldBeEqual(listed[0], sent);
    }

    [Fact]
    public async Task EnqueueEmail_SameIdTwice_KeepsTheFirst()
    {
        await using var store = await CreateStoreAsync();
        await store.EnqueueEmailAsync(Email("E1", T0) with { Subject = "first" }, Cancellation);

        await store.EnqueueEmailAsync(Email("E1", T0.AddMinutes(1)) with { Subject = "second" }, Cancellation);

        (await store.ListEmailsAsync(null, 10, Cancellation)).ShouldHaveSingleItem().Subject.ShouldBe("first");
    }

    [Fact]
    public async Task ReadDueEmails_MixedOutbox_OnlyUnsentNotGivenUpAndDueOldestFirstUpToTheLimit()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        var dueBy = T0.AddMinutes(10);
        await store.EnqueueEmailAsync(Email("late", T0.AddSeconds(3)) with { NextAttempt = dueBy.AddTicks(1) }, Cancellation);
        await store.EnqueueEmailAsync(Email("at-due", T0.AddSeconds(2)) with { NextAttempt = dueBy }, Cancellation);
        await store.EnqueueEmailAsync(Email("oldest", T0.AddSeconds(1)) with { NextAttempt = T0.AddMinutes(9) }, Cancellation);
        await store.EnqueueEmailAsync(Email("newest", T0.AddSeconds(5)), Cancellation);
        await store.EnqueueEmailAsync(Email("sent", T0) with { Sent = T0.AddSeconds(1) }, Cancellation);
        await store.EnqueueEmailAsync(Email("given-up", T0) with { GaveUp = true }, Cancellation);

        // Act
        var due = await store.ReadDueEmailsAsync(dueBy, 10, Cancellation);
        var limited = await store.ReadDueEmailsAsync(dueBy, 2, Cancellation);

        // Assert
        due.Select(email => email.Id).ShouldBe(["oldest", "at-due", "newest"]);
        limited.Select(email => email.Id).ShouldBe(["oldest", "at-due"]);
    }

    [Fact]
    public async Task RecordEmailAttempt_FailureThenSuccess_CountsReschedulesThenLeavesTheOutbox()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        await store.EnqueueEmailAsync(Email("E1", T0), Cancellation);

        // Act: a failure reschedules it a minute later
        await store.RecordEmailAttemptAsync("E1", sent: null, "Connection refused", T0.AddMinutes(1), gaveUp: false, Cancellation);
        var failed = (await store.ListEmailsAsync(null, 10, Cancellation)).Single();
        var dueBeforeRetry = await store.ReadDueEmailsAsync(T0.AddMinutes(1).AddTicks(-1), 10, Cancellation);
        var dueAtRetry = await store.ReadDueEmailsAsync(T0.AddMinutes(1), 10, Cancellation);

        // then it is sent
        await store.RecordEmailAttemptAsync("E1", T0.AddMinutes(1).AddTicks(5), error: null, nextAttempt: null, gaveUp: false, Cancellation);
        var sent = (await store.ListEmailsAsync(null, 10, Cancellation)).Single();

        // Assert
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldBe("Connection refused");
        failed.NextAttempt.ShouldBe(T0.AddMinutes(1));
        failed.Sent.ShouldBeNull();
        dueBeforeRetry.ShouldBeEmpty();
        dueAtRetry.ShouldHaveSingleItem().Id.ShouldBe("E1");
        sent.Attempts.ShouldBe(2);
        sent.Sent.ShouldBe(T0.AddMinutes(1).AddTicks(5));
        sent.LastError.ShouldBeNull();
        sent.NextAttempt.ShouldBe(T0.AddMinutes(1), "a null next attempt keeps the one stored");
        (await store.ReadDueEmailsAsync(T0.AddDays(30), 10, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordEmailAttempt_GaveUp_NeverDueAgainButStillListed()
    {
        await using var store = await CreateStoreAsync();
        await store.EnqueueEmailAsync(Email("E1", T0), Cancellation);
        await store.EnqueueEmailAsync(Email("E2", T0), Cancellation);

        await store.RecordEmailAttemptAsync("E1", sent: null, "550 mailbox unavailable", nextAttempt: null, gaveUp: true, Cancellation);

        (await store.ReadDueEmailsAsync(T0.AddDays(30), 10, Cancellation)).ShouldHaveSingleItem().Id.ShouldBe("E2");
        var listed = (await store.ListEmailsAsync(null, 10, Cancellation)).Single(email => email.Id == "E1");
        listed.GaveUp.ShouldBeTrue();
        listed.Attempts.ShouldBe(1);
        listed.LastError.ShouldBe("550 mailbox unavailable");
    }

    [Fact]
    public async Task ListEmails_ByJobOrAll_NewestFirstUpToTheLimit()
    {
        // Arrange
        await using var store = await CreateStoreAsync();
        await store.EnqueueEmailAsync(Email("E1", T0), Cancellation);
        await store.EnqueueEmailAsync(Email("E2", T0.AddSeconds(2)) with { JobId = "scim.other" }, Cancellation);
        await store.EnqueueEmailAsync(Email("E3", T0.AddSeconds(1)), Cancellation);
        await store.EnqueueEmailAsync(Email("E4", T0.AddSeconds(3)) with { JobId = null }, Cancellation);

        // Act
        var ofJob = await store.ListEmailsAsync(EmailJob, 10, Cancellation);
        var all = await store.ListEmailsAsync(null, 10, Cancellation);
        var newestTwo = await store.ListEmailsAsync(null, 2, Cancellation);

        // Assert
        ofJob.Select(email => email.Id).ShouldBe(["E3", "E1"]);
        all.Select(email => email.Id).ShouldBe(["E4", "E2", "E3", "E1"]);
        newestTwo.Select(email => email.Id).ShouldBe(["E4", "E2"]);
        (await store.ListEmailsAsync("scim.nobody", 10, Cancellation)).ShouldBeEmpty();
    }

    protected static OutgoingEmail Email(string id, DateTimeOffset created) => new()
    {
        Id = id,
        JobId = EmailJob,
        To = ["admin@contoso.com"],
        Subject = $"Subject {id}",
        TextBody = $"Text {id}",
        HtmlBody = $"<p>Html {id}</p>",
        Created = created,
        NextAttempt = created,
    };

    private static void ShouldBeEqual(OutgoingEmail actual, OutgoingEmail expected)
    {
        actual.To.ShouldBe(expected.To);
        (actual with { To = expected.To }).ShouldBe(expected);
    }
}
