using System.Text.RegularExpressions;
using Paperwire.Core.Digests;

namespace Paperwire.Digests;

/// <summary>The manage form: what a subscriber can change, and the rules each field must pass.</summary>
public sealed partial class DigestPreferences
{
    public const int MaxFilters = 20;

    public DigestFrequency Frequency { get; set; } = DigestFrequency.Daily;

    public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;

    public bool SkipWeekends { get; set; } = true;

    public int PaperCount { get; set; } = DigestSubscription.DefaultPaperCount;

    /// <summary>Comma-separated arXiv categories or archives.</summary>
    public string? Categories { get; set; }

    /// <summary>Comma-separated organization names.</summary>
    public string? Organizations { get; set; }

    public string? SearchQuery { get; set; }

    public bool PersonalPicks { get; set; }

    public static DigestPreferences Of(DigestSubscription subscription) => new()
    {
        Frequency = subscription.Frequency,
        Weekday = subscription.Weekday,
        SkipWeekends = subscription.SkipWeekends,
        PaperCount = subscription.PaperCount,
        Categories = string.Join(", ", subscription.Categories),
        Organizations = string.Join(", ", subscription.Organizations),
        SearchQuery = subscription.SearchQuery,
        PersonalPicks = subscription.PersonalPicks,
    };

    /// <summary>Checks every field; returns the problems (field, message), or applies the values and returns none.</summary>
    public IReadOnlyList<(string Field, string Message)> ApplyTo(DigestSubscription subscription)
    {
        var problems = new List<(string, string)>();
        if (!Enum.IsDefined(Frequency))
        {
            problems.Add((nameof(Frequency), "Choose daily or weekly."));
        }

        if (!Enum.IsDefined(Weekday))
        {
            problems.Add((nameof(Weekday), "Choose a day of the week."));
        }

        if (PaperCount is < 1 or > DigestSubscription.MaxPaperCount)
        {
            problems.Add((nameof(PaperCount), $"Between 1 and {DigestSubscription.MaxPaperCount} papers."));
        }

        var categories = Split(Categories);
        if (categories.Count > MaxFilters || categories.Any(c => !Category().IsMatch(c)))
        {
            problems.Add((nameof(Categories), $"Up to {MaxFilters} arXiv categories like cs.CL or cs, separated by commas."));
        }

        var organizations = Split(Organizations);
        if (organizations.Count > MaxFilters || organizations.Any(o => o.Length > 100))
        {
            problems.Add((nameof(Organizations), $"Up to {MaxFilters} organization names of at most 100 characters, separated by commas."));
        }

        var query = SearchQuery?.Trim();
        if (query is { Length: > 500 })
        {
            problems.Add((nameof(SearchQuery), "A saved search is at most 500 characters."));
        }

        if (PersonalPicks && subscription.UserId is null)
        {
            problems.Add((nameof(PersonalPicks), "Personal picks need an account: subscribe from your account's digest settings."));
        }

        // Control characters (CR/LF among them) are never part of a name, a category or a query.
        if (new[] { Categories, Organizations, SearchQuery }.Any(v => v?.Any(char.IsControl) == true))
        {
            problems.Add(("", "Line breaks and control characters are not allowed in any field."));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        subscription.Frequency = Frequency;
        subscription.Weekday = Weekday;
        subscription.SkipWeekends = SkipWeekends;
        subscription.PaperCount = PaperCount;
        subscription.Categories = categories;
        subscription.Organizations = organizations;
        subscription.SearchQuery = string.IsNullOrEmpty(query) ? null : query;
        subscription.PersonalPicks = PersonalPicks;
        return problems;
    }

    private static List<string> Split(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex(@"^[a-z][a-z-]{0,19}(\.[A-Za-z][A-Za-z-]{0,19})?$")]
    private static partial Regex Category();
}
