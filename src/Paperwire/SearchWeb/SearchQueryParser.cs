using System.Globalization;
using System.Text.RegularExpressions;
using Paperwire.Hosting;
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
    public const int MaxOrganizationLength = 100;
    private const string CategoryPattern = @"^[A-Za-z][A-Za-z\-]{0,20}(\.[A-Za-z\-]{1,10})?$";

    public static readonly TextParameter Query = new("q", "What to search for: words, a phrase in quotes, or a question.")
    {
        Required = true,
        MaxLength = MaxQueryLength,
        Example = "vision language model",
    };

    public static readonly IntegerParameter Limit = new("limit", "Results per page.", DefaultLimit, Minimum: 1, MaxLimit);

    public static readonly IntegerParameter Page = new("p", "Page number, from 0.", Default: 0, Minimum: 0, MaxPage);

    public static readonly TextParameter From = new("from", "Only papers published (arXiv date) on or after this day.") { Format = "date", Example = "2025-01-01" };

    public static readonly TextParameter To = new("to", "Only papers published (arXiv date) on or before this day.") { Format = "date", Example = "2025-12-31" };

    public static readonly TextParameter CategoryFilter = new("category", "Only papers in this arXiv category (cs.CL) or archive (cs).")
    {
        Pattern = CategoryPattern,
        Example = "cs.CL",
    };

    public static readonly TextParameter Organization = new("org", "Only papers of this organization (its name).") { MaxLength = MaxOrganizationLength };

    public static readonly FlagParameter DailyFeedOnly = new("feed", "Only papers in the daily feed (1, true or on).");

    public static readonly ChoiceParameter Mode = new(
        "mode",
        "hybrid fuses keyword and meaning search; keyword and semantic use one of them.",
        ["hybrid", "keyword", "semantic"],
        Default: "hybrid",
        Error: "mode is hybrid, keyword or semantic.")
    {
        IgnoreCase = true,
    };

    /// <summary>Everything a search reads from the query string, as the OpenAPI document lists it.</summary>
    public static readonly IReadOnlyList<QueryParameter> Parameters = [Query, Limit, Page, From, To, CategoryFilter, Organization, DailyFeedOnly, Mode];

    public static bool TryParse(IQueryCollection query, out SearchRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var text = Query.Text(query) ?? "";
        // Whitespace and control characters alone (%00) are no query either.
        if (string.IsNullOrWhiteSpace(text) || Paperwire.Search.Keyword.UserQuery.Parse(text).Text.Length == 0)
        {
            errors["q"] = ["Type something to search for (q)."];
        }
        else if (text.Length > MaxQueryLength)
        {
            errors["q"] = [$"A search can be at most {MaxQueryLength} characters; this one has {text.Length}."];
        }

        var limit = Limit.Read(query, errors);
        var page = Page.Read(query, errors);
        var from = ParseDate(From.Text(query), From.Name, errors);
        var to = ParseDate(To.Text(query), To.Name, errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["The end date (to) is before the start date (from)."];
        }

        var category = CategoryFilter.Text(query);
        if (!string.IsNullOrWhiteSpace(category) && !Category().IsMatch(category.Trim()))
        {
            errors["category"] = ["category must be an arXiv category such as cs.CL, or an archive such as cs."];
        }

        var organization = Organization.Text(query);
        if (organization?.Length > MaxOrganizationLength)
        {
            errors["org"] = [$"org is an organization name of at most {MaxOrganizationLength} characters."];
        }

        var mode = Enum.Parse<SearchMode>(Mode.Read(query, errors), ignoreCase: true);

        var filters = new SearchFilters
        {
            From = from,
            To = to,
            Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim(),
            Organization = string.IsNullOrWhiteSpace(organization) ? null : organization.Trim(),
            InDailyFeedOnly = DailyFeedOnly.Read(query),
        };
        request = new SearchRequest(text.Trim(), filters.IsEmpty ? SearchFilters.None : filters, page, limit, mode);
        return errors.Count == 0;
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

    [GeneratedRegex(CategoryPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Category();
}
