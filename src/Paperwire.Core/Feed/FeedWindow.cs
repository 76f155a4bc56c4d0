using System.Globalization;

namespace Paperwire.Core.Feed;

public enum FeedWindowKind
{
    Day,
    Week,
    Month,
}

/// <summary>
/// A span of feed dates: one day, one ISO week or one calendar month. End is exclusive, so it must itself be a
/// date: no window reaches past <see cref="DateOnly.MaxValue"/> (the last day is 9999-12-30, the last week
/// 9999-W51, the last month 9999-11), and asking for one beyond throws rather than wrapping or overflowing later.
/// </summary>
public sealed record FeedWindow
{
    private FeedWindow(FeedWindowKind kind, DateOnly start, int days)
    {
        if (!Fits(start, days))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"A {kind} window from {start:yyyy-MM-dd} would end after {DateOnly.MaxValue:yyyy-MM-dd}.");
        }

        Kind = kind;
        Start = start;
        End = start.AddDays(days);
    }

    public FeedWindowKind Kind { get; }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public static FeedWindow Day(DateOnly date) => new(FeedWindowKind.Day, date, 1);

    public static FeedWindow Week(int isoYear, int week) => new(FeedWindowKind.Week, Monday(isoYear, week), 7);

    public static FeedWindow Month(int year, int month) => new(FeedWindowKind.Month, new DateOnly(year, month, 1), DateTime.DaysInMonth(year, month));

    /// <summary>The window of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static FeedWindow Containing(FeedWindowKind kind, DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return kind switch
        {
            FeedWindowKind.Day => Day(date),
            FeedWindowKind.Week => Week(ISOWeek.GetYear(dateTime), ISOWeek.GetWeekOfYear(dateTime)),
            _ => Month(date.Year, date.Month),
        };
    }

    /// <summary>The window's canonical name as used in URLs: <c>2026-11-27</c>, <c>2026-W48</c>, <c>2026-11</c>.</summary>
    public string Key => Kind switch
    {
        FeedWindowKind.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        FeedWindowKind.Week => FormatWeek(Start),
        _ => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>A human title: <c>Thu 27 Nov 2026</c>, <c>Week 48 of 2026</c>, <c>November 2026</c>.</summary>
    public string Title => Kind switch
    {
        FeedWindowKind.Day => Start.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture),
        FeedWindowKind.Week => $"Week {ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue))} of {ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue))}",
        _ => Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>The window of the same kind just before this one; null for the first of the calendar.</summary>
    public FeedWindow? Previous() => Start == DateOnly.MinValue ? null : Containing(Kind, Start.AddDays(-1));

    /// <summary>The window of the same kind just after this one; null when that one would end past the calendar.</summary>
    public FeedWindow? Next() => TryContaining(Kind, End);

    public static string FormatWeek(DateOnly anyDayInWeek)
    {
        var dateTime = anyDayInWeek.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(dateTime)}-W{ISOWeek.GetWeekOfYear(dateTime):00}");
    }

    /// <summary>Parses <c>YYYY-MM-DD</c>; false for anything else, including impossible dates and 9999-12-31.</summary>
    public static bool TryParseDay(string? text, out FeedWindow window)
    {
        window = null!;
        if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || TryContaining(FeedWindowKind.Day, date) is not { } day)
        {
            return false;
        }

        window = day;
        return true;
    }

    /// <summary>Parses <c>YYYY-Www</c> (ISO 8601 week); weeks beyond the year's last ISO week, or the calendar's, are rejected.</summary>
    public static bool TryParseWeek(string? text, out FeedWindow window)
    {
        window = null!;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] is not ('W' or 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year < 1 || week < 1 || week > ISOWeek.GetWeeksInYear(year)
            || !Fits(Monday(year, week), 7))
        {
            return false;
        }

        window = Week(year, week);
        return true;
    }

    /// <summary>Parses <c>YYYY-MM</c>; 9999-12 is rejected (its end is past the calendar).</summary>
    public static bool TryParseMonth(string? text, out FeedWindow window)
    {
        window = null!;
        if (text is null || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || TryContaining(FeedWindowKind.Month, date) is not { } month)
        {
            return false;
        }

        window = month;
        return true;
    }

    /// <summary>Like <see cref="Containing"/>, but null where that window would end past the calendar.</summary>
    public static FeedWindow? TryContaining(FeedWindowKind kind, DateOnly date)
    {
        var start = kind switch
        {
            FeedWindowKind.Day => date,
            FeedWindowKind.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
            _ => new DateOnly(date.Year, date.Month, 1),
        };
        var days = kind switch
        {
            FeedWindowKind.Day => 1,
            FeedWindowKind.Week => 7,
            _ => DateTime.DaysInMonth(date.Year, date.Month),
        };
        return Fits(start, days) ? Containing(kind, date) : null;
    }

    private static DateOnly Monday(int isoYear, int week) => DateOnly.FromDateTime(ISOWeek.ToDateTime(isoYear, week, DayOfWeek.Monday));

    private static bool Fits(DateOnly start, int days) => start.DayNumber <= DateOnly.MaxValue.DayNumber - days;
}
