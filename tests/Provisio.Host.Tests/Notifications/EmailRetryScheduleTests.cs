using Provisio.Host.Notifications;

namespace Provisio.Host.Tests.Notifications;

/// <summary>Back-off of a failing e-mail: 1, 2, 4 ... minutes, at most an hour, given up three days after it was enqueued.</summary>
public sealed class EmailRetryScheduleTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(8, 60)]
    [InlineData(40, 60)]
    [InlineData(int.MaxValue, 60)]
    public void NextAttempt_AfterAttempt_DoublesUpToAnHour(int attempt, int minutes)
    {
        var now = Created.AddMinutes(10);

        EmailRetrySchedule.NextAttempt(Created, attempt, now).ShouldBe(now.AddMinutes(minutes));
    }

    [Fact]
    public void NextAttempt_ThreeDaysAfterEnqueued_GivesUpAtTheBoundaryNotBefore()
    {
        var boundary = Created.AddDays(3);

        EmailRetrySchedule.NextAttempt(Created, 70, boundary.AddTicks(-1)).ShouldBe(boundary.AddTicks(-1).AddHours(1));
        EmailRetrySchedule.NextAttempt(Created, 70, boundary).ShouldBeNull();
        EmailRetrySchedule.NextAttempt(Created, 1, boundary.AddDays(1)).ShouldBeNull();
    }
}
