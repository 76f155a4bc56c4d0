namespace Paperwire.ForYou;

/// <summary>
/// The tabs of For you: the newest paper date, the 7 dates up to it, or the 30 up to it; each widened back in time
/// when it holds fewer than <see cref="ForYouSpans.MinimumPapers"/> papers (see <see cref="ForYouRanking.WidenAsync"/>).
/// </summary>
public enum ForYouSpan
{
    Day,
    Week,
    Month,
}

public static class ForYouSpans
{
    public static IReadOnlyList<ForYouSpan> All { get; } = [ForYouSpan.Day, ForYouSpan.Week, ForYouSpan.Month];

    /// <summary>The query value (<c>day</c>, <c>week</c>, <c>month</c>); missing is the week, as the API's default window.</summary>
    public static bool TryParse(string? text, out ForYouSpan span)
    {
        (var known, span) = text switch
        {
            null or "" or "week" => (true, ForYouSpan.Week),
            "day" => (true, ForYouSpan.Day),
            "month" => (true, ForYouSpan.Month),
            _ => (false, ForYouSpan.Week),
        };
        return known;
    }

    public static string Name(this ForYouSpan span) => span.ToString().ToLowerInvariant();

    public static string Label(this ForYouSpan span) => span switch
    {
        ForYouSpan.Day => "Latest day",
        ForYouSpan.Week => "Week",
        _ => "Month",
    };

    /// <summary>
    /// How many catalog papers a tab ranks at least: the week one page of For you, the month three. A quiet catalog
    /// (a fresh install's demo corpus and arXiv sample, or a harvest that stopped) has a handful in its newest week,
    /// and ranking a handful is no ranking.
    /// </summary>
    public static int MinimumPapers(this ForYouSpan span) => span switch
    {
        ForYouSpan.Day => 10,
        ForYouSpan.Week => 20,
        _ => 60,
    };

    public static CandidateWindow EndingAt(this ForYouSpan span, DateOnly newest)
    {
        var days = span switch
        {
            ForYouSpan.Day => 1,
            ForYouSpan.Week => CandidateWindow.DefaultDays,
            _ => 30,
        };
        return new CandidateWindow(newest.AddDays(1 - days), newest);
    }
}
