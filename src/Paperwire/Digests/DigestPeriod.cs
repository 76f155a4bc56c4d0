using System.Globalization;
using Paperwire.Core.Digests;

namespace Paperwire.Digests;

/// <summary>
/// What one digest covers. A run is for one feed day <see cref="Day"/> (the key of the outbox row): daily
/// subscribers get that day's papers, weekly subscribers whose weekday is the day after get the seven days ending
/// with it. The daily schedule runs in the morning for the previous day, so a weekday is the day the mail arrives.
/// </summary>
public sealed record DigestPeriod(DateOnly Day, DigestFrequency Frequency)
{
    public string Key => Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>First feed day covered.</summary>
    public DateOnly Start => Frequency == DigestFrequency.Weekly ? Day.AddDays(-6) : Day;

    /// <summary>The day after the last feed day covered.</summary>
    public DateOnly End => Day.AddDays(1);

    /// <summary>The weekday weekly subscribers must have chosen to be due in the run for <paramref name="day"/>.</summary>
    public static DayOfWeek WeeklyArrival(DateOnly day) => day.AddDays(1).DayOfWeek;

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>"Trending papers — Thu 27 Nov 2026" or "Trending papers — week of Fri 21 Nov 2026".</summary>
    public string Subject => Frequency == DigestFrequency.Weekly
        ? $"Trending papers — week of {Format(Start)}"
        : $"Trending papers — {Format(Day)}";

    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Format(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
