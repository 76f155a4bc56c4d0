using Paperwire.Core.Feed;
using Paperwire.Core.Papers;
using Paperwire.Feeds;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary>What the day, week and month pages render: a heading, tabs, a date picker, ranked cards and neighbours.</summary>
public sealed record FeedWindowView(
    FeedWindow Window,
    string Heading,
    IReadOnlyList<Paper> Papers,
    IReadOnlyList<FeedWindowTab> Tabs,
    DatePicker Picker,
    string? PreviousUrl = null,
    string? PreviousLabel = null,
    string? NextUrl = null,
    string? NextLabel = null,
    string? MoreUrl = null);

/// <summary>One of the Daily / Weekly / Monthly tabs: the period of that kind around the page's date.</summary>
public sealed record FeedWindowTab(string Label, string Href, bool Current);

/// <summary>
/// The "Go to date" form: a GET to the page of the window's kind without a key (<c>/papers/week?date=…</c>), which
/// redirects to the period containing the date. <see cref="Min"/>/<see cref="Max"/> bound the periods of the feed's
/// first and last days.
/// </summary>
public sealed record DatePicker(string Action, string Label, DateOnly Value, DateOnly? Min, DateOnly? Max)
{
    public static string Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Builds <see cref="FeedWindowView"/>s; previous/next skip periods that have no papers.</summary>
public sealed class FeedWindowViews(DailyFeed feed)
{
    public const int PageSize = FeedQuery.MaxLimit;

    private static readonly (FeedWindowKind Kind, string Label)[] Kinds =
        [(FeedWindowKind.Day, "Daily"), (FeedWindowKind.Week, "Weekly"), (FeedWindowKind.Month, "Monthly")];

    public async Task<FeedWindowView> BuildAsync(FeedWindow window, int page, CancellationToken cancellationToken)
    {
        var result = await feed.ReadAsync(new FeedQuery(window, Page: page, Limit: PageSize), cancellationToken);
        var before = await feed.PreviousDateAsync(window.Start, cancellationToken);
        var after = await feed.NextDateAsync(window.End, cancellationToken);
        var previous = before is { } b ? FeedWindow.Containing(window.Kind, b) : null;
        var next = after is { } a ? FeedWindow.TryContaining(window.Kind, a) : null;
        var first = await feed.NextDateAsync(DateOnly.MinValue, cancellationToken);
        var last = await feed.LatestDateAsync(cancellationToken);
        var anchor = await AnchorAsync(window, cancellationToken);
        return new FeedWindowView(
            window,
            Heading(window),
            [.. result.Entries.Select(e => e.Paper!)],
            Tabs(window, anchor),
            new DatePicker(
                WindowPaths.KindPath(window.Kind),
                PickerLabel(window.Kind),
                anchor,
                first is { } f ? FeedWindow.TryContaining(window.Kind, f)?.Start : null,
                last is { } l ? FeedWindow.TryContaining(window.Kind, l)?.End.AddDays(-1) : null),
            previous is null ? null : WindowPaths.PagePath(previous),
            previous?.Title,
            next is null ? null : WindowPaths.PagePath(next),
            next?.Title,
            result.HasMore ? $"{WindowPaths.PagePath(window)}?p={page + 1}" : null);
    }

    /// <summary>
    /// The date the tabs and the picker start from: the day itself on a day page; on a week or month page its
    /// newest day with papers (the Daily tab then opens a day that has some), or its first day when it has none.
    /// </summary>
    private async Task<DateOnly> AnchorAsync(FeedWindow window, CancellationToken cancellationToken)
    {
        if (window.Kind == FeedWindowKind.Day)
        {
            return window.Start;
        }

        return await feed.PreviousDateAsync(window.End, cancellationToken) is { } newest && newest >= window.Start ? newest : window.Start;
    }

    private static IReadOnlyList<FeedWindowTab> Tabs(FeedWindow window, DateOnly anchor) =>
        [.. Kinds.Select(k => (k.Label, Window: k.Kind == window.Kind ? window : FeedWindow.TryContaining(k.Kind, anchor)))
            .Where(t => t.Window is not null)
            .Select(t => new FeedWindowTab(t.Label, WindowPaths.PagePath(t.Window!), t.Window!.Kind == window.Kind))];

    private static string PickerLabel(FeedWindowKind kind) => kind switch
    {
        FeedWindowKind.Day => "Go to date",
        FeedWindowKind.Week => "Go to the week of",
        _ => "Go to the month of",
    };

    private static string Heading(FeedWindow window) => window.Kind switch
    {
        FeedWindowKind.Day => $"Daily Papers · {window.Title}",
        FeedWindowKind.Week => $"Weekly Papers · {window.Title}",
        _ => $"Monthly Papers · {window.Title}",
    };
}
