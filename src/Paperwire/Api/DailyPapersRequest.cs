using System.Globalization;
using Paperwire.Core;
using Paperwire.Core.Feed;

namespace Paperwire.Api;

/// <summary>Validates the query string of <c>GET /api/daily_papers</c> into a <see cref="FeedQuery"/>.</summary>
public static class DailyPapersRequest
{
    /// <summary>Deep pages are never useful and cost a scan; this bounds <c>p</c>.</summary>
    public const int MaxPage = 10_000;

    private static readonly string[] WindowKeys = ["date", "week", "month"];

    public static bool TryParse(IQueryCollection query, out FeedQuery feedQuery, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var window = ParseWindow(query, errors);
        var sort = ParseSort(query["sort"], errors);
        var page = ParseInt(query["p"], "p", 0, 0, MaxPage, errors);
        var limit = ParseInt(query["limit"], "limit", FeedQuery.DefaultLimit, 1, FeedQuery.MaxLimit, errors);
        string? submitter = query["submitter"];
        if (!string.IsNullOrEmpty(submitter) && !Handle.IsValid(submitter))
        {
            errors["submitter"] = ["submitter must be a user name: letters, digits, '-', '_' or '.', at most 100 characters."];
        }

        feedQuery = new FeedQuery(window, string.IsNullOrEmpty(submitter) ? null : submitter, sort, page, limit);
        return errors.Count == 0;
    }

    private static FeedWindow? ParseWindow(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var given = WindowKeys.Where(key => !string.IsNullOrEmpty(query[key])).ToList();
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

    private static FeedSort ParseSort(string? sort, Dictionary<string, string[]> errors)
    {
        switch (sort)
        {
            case null or "" or "upvotes":
                return FeedSort.Upvotes;
            case "publishedAt":
                return FeedSort.PublishedAt;
            case "trending":
                return FeedSort.Trending;
            default:
                errors["sort"] = ["sort must be publishedAt or trending (or absent for upvotes)."];
                return FeedSort.Upvotes;
        }
    }

    private static int ParseInt(string? text, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors[name] = [$"{name} must be a whole number from {min} to {max}."];
            return fallback;
        }

        return value;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
