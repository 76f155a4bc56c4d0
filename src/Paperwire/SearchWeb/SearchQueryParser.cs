using System.Globalization;
using System.Text.RegularExpressions;
using Paperwire.Search;
using Paperwire.Search.Hybrid;

namespace Paperwire.SearchWeb;

/// <summary>
/// Validates a search's query string (<c>q, limit, p, from, to, category, org, feed, mode</c>) for the search
/// page and the API alike. Everything a user can type gets a sentence back, never an exception.
/// </summary>
public static partial class SearchQueryParser
{
    public const int MaxQueryLength = 500;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxPage = 1000;

    public static bool TryParse(IQueryCollection query, out SearchRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var text = (string?)query["q"] ?? "";
        // Whitespace and control characters alone (%00) are no query either.
        if (string.IsNullOrWhiteSpace(text) || Paperwire.Search.Keyword.UserQuery.Parse(text).Text.Length == 0)
        {
            errors["q"] = ["Type something to search for (q)."];
        }
        else if (text.Length > MaxQueryLength)
        {
            errors["q"] = [$"A search can be at most {MaxQueryLength} characters; this one has {text.Length}."];
        }

        var limit = ParseInt(query["limit"], "limit", DefaultLimit, 1, MaxLimit, errors);
        var page = ParseInt(query["p"], "p", 0, 0, MaxPage, errors);
        var from = ParseDate(query["from"], "from", errors);
        var to = ParseDate(query["to"], "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["The end date (to) is before the start date (from)."];
        }

        string? category = query["category"];
        if (!string.IsNullOrWhiteSpace(category) && !Category().IsMatch(category.Trim()))
        {
            errors["category"] = ["category must be an arXiv category such as cs.CL, or an archive such as cs."];
        }

        string? organization = query["org"];
        if (organization?.Length > 100)
        {
            errors["org"] = ["org is an organization name of at most 100 characters."];
        }

        var mode = SearchMode.Hybrid;
        string? modeText = query["mode"];
        if (!string.IsNullOrEmpty(modeText) && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            errors["mode"] = ["mode is hybrid, keyword or semantic."];
        }

        var filters = new SearchFilters
        {
            From = from,
            To = to,
            Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim(),
            Organization = string.IsNullOrWhiteSpace(organization) ? null : organization.Trim(),
            InDailyFeedOnly = query["feed"] is var feed && (feed == "1" || string.Equals(feed, "true", StringComparison.OrdinalIgnoreCase) || feed == "on"),
        };
        request = new SearchRequest(text.Trim(), filters.IsEmpty ? SearchFilters.None : filters, page, limit, mode);
        return errors.Count == 0;
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

    private static DateOnly? ParseDate(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[name] = [$"{name} must be a date as YYYY-MM-DD, e.g. 2025-04-07."];
            return null;
        }

        return date;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z\-]{0,20}(\.[A-Za-z\-]{1,10})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Category();
}
