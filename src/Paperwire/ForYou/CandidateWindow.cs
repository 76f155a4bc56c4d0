using System.Globalization;

namespace Paperwire.ForYou;

/// <summary>
/// The paper dates whose papers are ranked, both days included. By default the last <see cref="DefaultDays"/> days
/// up to the newest paper date in the catalog (not today: a catalog harvested last week still has a "this week").
/// </summary>
public sealed record CandidateWindow(DateOnly From, DateOnly To)
{
    public const int DefaultDays = 7;

    /// <summary>At most this many days: one ranking stays one month of papers, and a pool per window stays small.</summary>
    public const int MaxDays = 31;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The window ending at <paramref name="newest"/> (the newest paper date).</summary>
    public static CandidateWindow EndingAt(DateOnly newest) => new(newest.AddDays(1 - DefaultDays), newest);

    /// <summary>
    /// Reads <c>from</c> and <c>to</c> (yyyy-MM-dd, each optional): a missing end is the other plus or minus
    /// <see cref="DefaultDays"/>, both missing is null (the default window). Errors are per field, for a ValidationProblem.
    /// </summary>
    public static CandidateWindow? Parse(string? from, string? to, Dictionary<string, string[]> errors)
    {
        var start = ParseDate(from, "from", errors);
        var end = ParseDate(to, "to", errors);
        if (errors.Count > 0 || (start is null && end is null))
        {
            return null;
        }

        var window = new CandidateWindow(start ?? end!.Value.AddDays(1 - DefaultDays), end ?? start!.Value.AddDays(DefaultDays - 1));
        if (window.Days < 1)
        {
            errors["to"] = ["to must not be before from."];
        }
        else if (window.Days > MaxDays)
        {
            errors["to"] = [$"A window is at most {MaxDays} days."];
        }

        return errors.Count > 0 ? null : window;
    }

    private static DateOnly? ParseDate(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[name] = [$"{name} must be a date like 2026-05-29."];
        return null;
    }
}
