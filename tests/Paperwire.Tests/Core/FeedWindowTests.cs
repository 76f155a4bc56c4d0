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
        Assert.Equal("2025-W52", week.Previous().Key);
        Assert.Equal("2026-W02", week.Next().Key);
        Assert.Equal("2025-12", FeedWindow.Month(2026, 1).Previous().Key);
        Assert.Equal("2026-01-01", FeedWindow.Day(new DateOnly(2025, 12, 31)).Next().Key);
    }

    [Fact]
    public void Title_Day_ReadsLikeAHeading() => Assert.Equal("Thu 27 Nov 2025", FeedWindow.Day(new DateOnly(2025, 11, 27)).Title);
}
