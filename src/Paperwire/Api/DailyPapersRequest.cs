using Paperwire.Core;
using Paperwire.Core.Feed;
using Paperwire.Hosting;

namespace Paperwire.Api;

/// <summary>Validates the query string of <c>GET /api/daily_papers</c> into a <see cref="FeedQuery"/>.</summary>
public static class DailyPapersRequest
{
    /// <summary>Deep pages are never useful and cost a scan; this bounds <c>p</c>.</summary>
    public const int MaxPage = 10_000;

    public static readonly TextParameter Date = new("date", "The feed of one day (UTC). Give at most one of date, week and month; with none, the whole feed, newest day first.")
    {
        Format = "date",
        Example = "2025-04-07",
    };

    public static readonly TextParameter Week = new("week", "The feed of one ISO week, as YYYY-Www.") { Pattern = @"^\d{4}-[Ww]\d{2}$", Example = "2025-W15" };

    public static readonly TextParameter Month = new("month", "The feed of one month, as YYYY-MM.") { Pattern = @"^\d{4}-\d{2}$", Example = "2025-04" };

    public static readonly TextParameter Submitter = new("submitter", "Only papers submitted by this user name.")
    {
        Pattern = Handle.PatternText,
        MaxLength = Handle.MaxLength,
    };

    public static readonly ChoiceParameter Sort = new(
        "sort",
        "Order: upvotes (most first; without a window, newest day first, then upvotes), publishedAt (newest arXiv date first) or trending (upvotes decayed by age; without a window, the last two weeks).",
        ["upvotes", "publishedAt", "trending"],
        Default: "upvotes",
        Error: "sort must be publishedAt or trending (or absent for upvotes).");

    public static readonly IntegerParameter Page = new("p", "Page number, from 0.", Default: 0, Minimum: 0, Maximum: MaxPage);

    public static readonly IntegerParameter Limit = new("limit", "Papers per page.", FeedQuery.DefaultLimit, Minimum: 1, FeedQuery.MaxLimit);

    /// <summary>Everything the endpoint reads from the query string, as the OpenAPI document lists it.</summary>
    public static readonly IReadOnlyList<QueryParameter> Parameters = [Date, Week, Month, Submitter, Sort, Page, Limit];

    private static readonly TextParameter[] WindowKeys = [Date, Week, Month];

    public static bool TryParse(IQueryCollection query, out FeedQuery feedQuery, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var window = ParseWindow(query, errors);
        var sort = Sort.Read(query, errors) switch
        {
            "publishedAt" => FeedSort.PublishedAt,
            "trending" => FeedSort.Trending,
            _ => FeedSort.Upvotes,
        };
        var page = Page.Read(query, errors);
        var limit = Limit.Read(query, errors);
        var submitter = Submitter.Text(query);
        if (!string.IsNullOrEmpty(submitter) && !Handle.IsValid(submitter))
        {
            errors["submitter"] = ["submitter must be a user name: letters, digits, '-', '_' or '.', at most 100 characters."];
        }

        feedQuery = new FeedQuery(window, string.IsNullOrEmpty(submitter) ? null : submitter, sort, page, limit);
        return errors.Count == 0;
    }

    private static FeedWindow? ParseWindow(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var given = WindowKeys.Where(key => !string.IsNullOrEmpty(key.Text(query))).Select(key => key.Name).ToList();
        if (given.Count > 1)
        {
            errors["date"] = ["Give at most one of date, week and month."];
            return null;
        }

        if (given.Count == 0)
        {
            return null;
        }

        var key = given[0];
        string text = query[key]!;
        var (parsed, window, expected) = key switch
        {
            "date" => (FeedWindow.TryParseDay(text, out var w), w, "a date as YYYY-MM-DD, e.g. 2025-04-07"),
            "week" => (FeedWindow.TryParseWeek(text, out var w), w, "an ISO week as YYYY-Www, e.g. 2025-W15"),
            _ => (FeedWindow.TryParseMonth(text, out var w), w, "a month as YYYY-MM, e.g. 2025-04"),
        };
        if (!parsed)
        {
            errors[key] = [$"'{Truncate(text)}' is not {expected}."];
            return null;
        }

        return window;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
