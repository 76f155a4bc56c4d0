namespace Paperwire.Pages;

/// <summary>The header's sections and which one a page belongs to (marked <c>aria-current="page"</c>, drawn as the current tab).</summary>
public static class SiteSections
{
    public static readonly IReadOnlyList<(string Href, string Label)> Links =
    [
        ("/", "Daily"),
        ("/for-you", "For you"),
        ("/papers/week", "Weekly"),
        ("/papers/month", "Monthly"),
        ("/papers/trending", "Trending"),
        ("/submit", "Submit"),
    ];

    /// <summary>The section link of <paramref name="path"/>, or null for pages outside them (a paper, search, account).</summary>
    public static string? Current(PathString path)
    {
        var value = path.Value ?? "/";
        return value switch
        {
            "/" => "/",
            _ when value.StartsWith("/papers/date", StringComparison.Ordinal) => "/",
            _ when value.StartsWith("/papers/week", StringComparison.Ordinal) => "/papers/week",
            _ when value.StartsWith("/papers/month", StringComparison.Ordinal) => "/papers/month",
            _ when value.StartsWith("/papers/trending", StringComparison.Ordinal) => "/papers/trending",
            _ when value.StartsWith("/for-you", StringComparison.Ordinal) => "/for-you",
            _ when value.StartsWith("/submit", StringComparison.Ordinal) => "/submit",
            _ => null,
        };
    }
}
