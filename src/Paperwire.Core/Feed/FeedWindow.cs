using System.Globalization;

namespace Paperwire.Core.Feed;

public enum FeedWindowKind
{
    Day,
    Week,
    Month,
}

/// <summary>A span of feed dates: one day, one ISO week or one calendar month. End is exclusive.</summary>
public sealed record FeedWindow(FeedWindowKind Kind, DateOnly Start, DateOnly End)
{
    public static FeedWindow Day(DateOnly date) => new(FeedWindowKind.Day, date, date.AddDays(1));

    public static FeedWindow Week(int isoYear, int week)
    {
        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(isoYear, week, DayOfWeek.Monday));
        return new(FeedWindowKind.Week, monday, monday.AddDays(7));
    }

    public static FeedWindow Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new(FeedWindowKind.Month, first, first.AddMonths(1));
    }

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

    public FeedWindow Previous() => Kind switch
    {
        FeedWindowKind.Day => Day(Start.AddDays(-1)),
        FeedWindowKind.Week => new(FeedWindowKind.Week, Start.AddDays(-7), Start),
        _ => Month(Start.AddMonths(-1).Year, Start.AddMonths(-1).Month),
    };

    public FeedWindow Next() => Kind switch
    {
        FeedWindowKind.Day => Day(End),
        FeedWindowKind.Week => new(FeedWindowKind.Week, End, End.AddDays(7)),
        _ => Month(End.Year, End.Month),
    };

    public static string FormatWeek(DateOnly anyDayInWeek)
    {
        var dateTime = anyDayInWeek.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(dateTime)}-W{ISOWeek.GetWeekOfYear(dateTime):00}");
    }

    /// <summary>Parses <c>YYYY-MM-DD</c>; false for anything else, including impossible dates.</summary>
    public static bool TryParseDay(string? text, out FeedWindow window)
    {
        window = null!;
        if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        window = Day(date);
        return true;
    }

    /// <summary>Parses <c>YYYY-Www</c> (ISO 8601 week); weeks beyond the year's last ISO week are rejected.</summary>
    public static bool TryParseWeek(string? text, out FeedWindow window)
    {
        window = null!;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] is not ('W' or 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year < 1 || year > 9998 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        window = Week(year, week);
        return true;
    }

    /// <summary>Parses <c>YYYY-MM</c>.</summary>
    public static bool TryParseMonth(string? text, out FeedWindow window)
    {
        window = null!;
        if (text is null || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year > 9998)
        {
            return false;
        }

        window = Month(date.Year, date.Month);
        return true;
    }
}
