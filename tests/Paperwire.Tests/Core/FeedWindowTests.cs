using Paperwire.Core.Feed;

namespace Paperwire.Tests.Core;

public class FeedWindowTests
{
    [Theory]
    [InlineData("2025-W01", "2024-12-30", "2025-01-06")] // week 1 of 2025 starts in 2024
    [InlineData("2026-W53", "2026-12-28", "2027-01-04")] // 2026 has 53 ISO weeks
    public void TryParseWeek_IsoWeek_CoversMondayToSunday(string key, string start, string end)
    {
        Assert.True(FeedWindow.TryParseWeek(key, out var window));
        Assert.Equal(DateOnly.Parse(start), window.Start);
        Assert.Equal(DateOnly.Parse(end), window.End);
        Assert.Equal(key, window.Key);
    }

    [Theory]
    [InlineData("2026-W60")]
    [InlineData("2026-W00")]
    [InlineData("2026-53")]
    [InlineData("2026W05")]
    [InlineData("")]
    [InlineData("2026-W5")]
    [InlineData("2021-W53")] // 2021 has only 52 ISO weeks
    public void TryParseWeek_InvalidWeek_IsRejected(string key) => Assert.False(FeedWindow.TryParseWeek(key, out _));

    [Fact]
    public void Containing_NewYearsDay_BelongsToPreviousIsoYear()
    {
        var window = FeedWindow.Containing(FeedWindowKind.Week, new DateOnly(2027, 1, 1));
        Assert.Equal("2026-W53", window.Key);
    }

    [Theory]
    [InlineData("2026-13-45")]
    [InlineData("2025-02-29")]
    [InlineData("yesterday")]
    [InlineData("2025-4-7")]
    [InlineData("2025-04-07T00:00")]
    public void TryParseDay_ImpossibleOrMalformedDate_IsRejected(string text) => Assert.False(FeedWindow.TryParseDay(text, out _));

    [Fact]
    public void TryParseDay_LeapDay_IsOneDayLong()
    {
        Assert.True(FeedWindow.TryParseDay("2024-02-29", out var window));
        Assert.Equal(new DateOnly(2024, 3, 1), window.End);
    }

    [Theory]
    [InlineData("2024-02", "2024-02-01", "2024-03-01")]
    [InlineData("2025-12", "2025-12-01", "2026-01-01")]
    public void TryParseMonth_Month_SpansCalendarMonth(string key, string start, string end)
    {
        Assert.True(FeedWindow.TryParseMonth(key, out var window));
        Assert.Equal(DateOnly.Parse(start), window.Start);
        Assert.Equal(DateOnly.Parse(end), window.End);
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-00")]
    [InlineData("2025")]
    [InlineData("25-01")]
    public void TryParseMonth_InvalidMonth_IsRejected(string key) => Assert.False(FeedWindow.TryParseMonth(key, out _));

    [Fact]
    public void PreviousAndNext_AcrossYearEnd_StayContiguous()
    {
        var week = FeedWindow.Week(2026, 1);
        Assert.Equal("2025-W52", week.Previous()!.Key);
        Assert.Equal("2026-W02", week.Next()!.Key);
        Assert.Equal("2025-12", FeedWindow.Month(2026, 1).Previous()!.Key);
        Assert.Equal("2026-01-01", FeedWindow.Day(new DateOnly(2025, 12, 31)).Next()!.Key);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("10000-01-01")]
    [InlineData("0000-00-00")]
    [InlineData("0000-01-01")]
    public void TryParseDay_BeyondTheCalendar_IsRejected(string text) => Assert.False(FeedWindow.TryParseDay(text, out _));

    [Theory]
    [InlineData("9999-W52")]
    [InlineData("9999-W53")]
    [InlineData("0000-W01")]
    public void TryParseWeek_BeyondTheCalendar_IsRejected(string text) => Assert.False(FeedWindow.TryParseWeek(text, out _));

    [Theory]
    [InlineData("9999-12")]
    [InlineData("0000-01")]
    public void TryParseMonth_BeyondTheCalendar_IsRejected(string text) => Assert.False(FeedWindow.TryParseMonth(text, out _));

    [Theory]
    [InlineData("9999-12-30", "9999-12-31")]
    [InlineData("0001-01-01", "0001-01-02")]
    public void TryParseDay_LastAndFirstDays_EndInsideTheCalendar(string text, string end)
    {
        Assert.True(FeedWindow.TryParseDay(text, out var window));
        Assert.Equal(DateOnly.Parse(end), window.End);
    }

    [Fact]
    public void TryParse_LastWeekAndMonthThatFit_AreAccepted()
    {
        Assert.True(FeedWindow.TryParseWeek("9999-W51", out var week));
        Assert.Equal(new DateOnly(9999, 12, 27), week.End);
        Assert.True(FeedWindow.TryParseWeek("0001-W01", out var firstWeek));
        Assert.Equal(DateOnly.MinValue, firstWeek.Start);
        Assert.True(FeedWindow.TryParseMonth("9999-11", out var month));
        Assert.Equal(new DateOnly(9999, 12, 1), month.End);
        Assert.True(FeedWindow.TryParseMonth("0001-01", out _));
    }

    [Fact]
    public void PreviousAndNext_AtTheEndsOfTheCalendar_AreNull()
    {
        Assert.Null(FeedWindow.Day(DateOnly.MinValue).Previous());
        Assert.Null(FeedWindow.Week(1, 1).Previous());
        Assert.Null(FeedWindow.Month(1, 1).Previous());
        Assert.Null(FeedWindow.Day(new DateOnly(9999, 12, 30)).Next());
        Assert.Null(FeedWindow.Week(9999, 51).Next());
        Assert.Null(FeedWindow.Month(9999, 11).Next());
        Assert.Equal("9999-12-30", FeedWindow.Day(new DateOnly(9999, 12, 29)).Next()!.Key);
    }

    [Fact]
    public void Day_LastDayOfTheCalendar_CannotBeBuilt()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedWindow.Day(DateOnly.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedWindow.Week(9999, 52));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedWindow.Month(9999, 12));
        Assert.Null(FeedWindow.TryContaining(FeedWindowKind.Week, DateOnly.MaxValue));
    }

    [Fact]
    public void Title_Day_ReadsLikeAHeading() => Assert.Equal("Thu 27 Nov 2025", FeedWindow.Day(new DateOnly(2025, 11, 27)).Title);
}
