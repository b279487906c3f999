using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Tests.Schema;

/// <summary>A schedule's interval is an ISO 8601 duration (reference entra-engine-and-api §6.3), written as Graph writes it.</summary>
public sealed class Iso8601DurationTests
{
    public static TheoryData<string, long> Written => new()
    {
        // reference §1.12: a new job's interval, TimeSpan.MaxValue
        { "P10675199DT2H48M5.4775807S", TimeSpan.MaxValue.Ticks },
        { "PT40M", TimeSpan.FromMinutes(40).Ticks },
        { "PT30S", TimeSpan.FromSeconds(30).Ticks },
        { "P1D", TimeSpan.FromDays(1).Ticks },
        { "PT20M", TimeSpan.FromMinutes(20).Ticks },
        { "PT0S", 0 },
        { "PT1.5S", TimeSpan.FromMilliseconds(1500).Ticks },
        { "PT0.0000001S", 1 },
        { "P1DT2H3M4S", new TimeSpan(1, 2, 3, 4).Ticks },
        { "PT1H", TimeSpan.FromHours(1).Ticks },
        { "-PT1M", TimeSpan.FromMinutes(-1).Ticks },
        { "-P10675199DT2H48M5.4775808S", TimeSpan.MinValue.Ticks },
    };

    [Theory]
    [MemberData(nameof(Written))]
    public void Format_Duration_WritesGraphText(string text, long ticks) =>
        Iso8601Duration.Format(new TimeSpan(ticks)).ShouldBe(text);

    [Theory]
    [MemberData(nameof(Written))]
    public void Parse_GraphText_ReadsDuration(string text, long ticks) =>
        Iso8601Duration.Parse(text).Ticks.ShouldBe(ticks);

    [Theory]
    [InlineData("P2W", 14 * TimeSpan.TicksPerDay)]
    [InlineData("PT90M", 90 * TimeSpan.TicksPerMinute)]
    [InlineData("PT0.5S", TimeSpan.TicksPerSecond / 2)]
    [InlineData("PT1,5S", TimeSpan.TicksPerSecond * 3 / 2)]
    [InlineData("P1M", 30 * TimeSpan.TicksPerDay)]
    [InlineData("P1Y", 365 * TimeSpan.TicksPerDay)]
    [InlineData("P0D", 0)]
    [InlineData("PT0.00000001S", 0)]
    public void Parse_OtherIso8601Forms_ReadsDuration(string text, long ticks) =>
        Iso8601Duration.Parse(text).Ticks.ShouldBe(ticks);

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("40M")]
    [InlineData("pt40m")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("PT1S2M")]
    [InlineData("P1.5D")]
    [InlineData("PT40M ")]
    [InlineData("P10675199DT2H48M5.4775808S")]
    [InlineData("P99999999999999999999999D")]
    [InlineData("PT-1M")]
    public void TryParse_NotADuration_ReturnsFalse(string text) =>
        Iso8601Duration.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Parse_NotADuration_ThrowsFormatExceptionNamingTheText() =>
        Should.Throw<FormatException>(() => Iso8601Duration.Parse("40 minutes"))
            .Message.ShouldBe("'40 minutes' is not an ISO 8601 duration such as PT40M, P1D or PT30S.");

    [Property(MaxTest = 2000)]
    public Property Parse_FormattedDuration_IsTheSameDuration() =>
        Prop.ForAll(Durations, duration => Iso8601Duration.Parse(Iso8601Duration.Format(duration)).ShouldBe(duration));

    /// <summary>Small durations, and durations spread over the whole range of TimeSpan.</summary>
    private static Arbitrary<TimeSpan> Durations
    {
        get
        {
            var halves = Gen.Choose(int.MinValue, int.MaxValue);
            var wide = halves.SelectMany(high => halves.Select(low => ((long)high << 32) | (uint)low));
            return Arb.From(Gen.OneOf(ArbMap.Default.GeneratorFor<long>(), wide).Select(ticks => new TimeSpan(ticks)));
        }
    }
}
