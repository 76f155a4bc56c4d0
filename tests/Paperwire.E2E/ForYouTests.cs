using Microsoft.Playwright;
using Paperwire.Core.Papers;
using Paperwire.E2E.Pages;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.Snapshot;
using static Microsoft.Playwright.Assertions;
using DatabaseProvider = Paperwire.Storage.DatabaseProvider;

namespace Paperwire.E2E;

/// <summary>
/// Issue 12's whole path in a browser, on each database: a newcomer signs up, tells For you what they read, gets
/// papers with reasons they can check, and "Not interested" and an upvote reshape the ranking. Each run starts its own
/// app (it writes): the demo corpus, plus papers of the shipped arXiv sample dated into the demo's last week, so their
/// vectors ship too and the ranking is the same on every run.
/// </summary>
public sealed class ForYouTests(AppInBrowser site)
{
    /// <summary>The paper dates of the last week up to the demo corpus' newest (28 May 2026): For you's default tab.</summary>
    private static readonly DateOnly WeekStart = new(2026, 5, 22);

    /// <summary>Robot hands and grasping: the two the reader picks, then five more.</summary>
    private static readonly string[] Grasping =
    [
        "2309.08312", // Two-fingered Hand with Gear-type Synchronization Mechanism … F2 Hand (pasted)
        "2307.13204", // GraspGPT (ticked in the search results)
        "2309.10885", // GelSight Svelte: a finger (nearest neighbour of the next, cosine 0.84)
        "2309.10886", // GelSight Svelte Hand (marked not interested)
        "2309.10911", "2309.10932", "2309.10579",
    ];

    /// <summary>Reachability and safe control: robotics, but another sub-topic. The first is upvoted; the other three are its nearest.</summary>
    private static readonly string[] SafeControl = ["2309.10893", "2209.14976", "2505.09067", "2309.11124"];

    /// <summary>Speech and audio, all in eess.AS: the category the reader follows.</summary>
    private static readonly string[] Speech = ["2210.17154", "2309.11243", "2309.10917", "2309.10926", "2309.10832"];

    /// <summary>PDEs and number theory: about nothing the reader gave.</summary>
    private static readonly string[] Mathematics = ["2505.24602", "2505.24546", "2505.24562"];

    private const string F2Hand = "2309.08312";
    private const string GraspGpt = "2307.13204";
    private const string GelSightFinger = "2309.10885";
    private const string GelSightHand = "2309.10886";
    private const string Reachability = "2309.10893";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_newcomer_tells_for_you_what_they_read_and_gets_reasons_and_not_interested_and_an_upvote_reshape_the_ranking(DatabaseProvider provider)
    {
        // Fails in CI and skips loudly elsewhere when PostgreSQL is missing (TestDatabase asks RequiredComponent).
        await using var app = await TestApp.StartOnLoopbackAsync(provider, embeddings: true);
        var titles = await AddSamplePapersAsync(app);
        await using var context = await site.NewContextAsync(on: app);
        var page = await context.NewPageAsync();
        await AccountPages.SignUpAndConfirmAsync(page, app, "newcomer");
        await AccountPages.SignInAsync(page, "newcomer");

        // First visit: nothing to rank by, so For you asks.
        var forYou = await ForYouPage.FromHeaderAsync(await FeedPage.OpenAsync(page, "/"));
        await Expect(forYou.Heading).ToHaveTextAsync("For you");
        await Expect(forYou.SetupHeading).ToHaveTextAsync("Tell For you what you read");
        await Expect(forYou.Items).ToHaveCountAsync(0);

        // A category from the suggestions: its papers, and only those, each saying so.
        await forYou.FollowSuggestedCategoryAsync("eess.AS");
        await Expect(forYou.Notices).ToContainTextAsync("Following eess.AS.");
        var following = await forYou.RankedAsync();
        Assert.Equal(Speech.Order(StringComparer.Ordinal), following.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.All(following, p => Assert.Equal("In eess.AS, which you follow", p.Reason));

        // Two papers liked: one ticked in a search, one pasted as an address.
        await forYou.SearchPapersToPickAsync("grasping");
        await forYou.PickAsync([titles[GraspGpt]], pasted: $"https://arxiv.org/abs/{F2Hand}");
        await Expect(forYou.Notices).ToContainTextAsync("Picked 2 papers");
        var before = await forYou.RankedAsync();
        Log("picked", before);
        var ids = before.Select(p => p.Id).ToList();

        // Every reason names something the reader gave, and is true of the paper.
        string[] picks = [$"Close to {titles[F2Hand]}", $"Close to {titles[GraspGpt]}"];
        Assert.All(before, p => Assert.True(
            picks.Contains(p.Reason) || (p.Reason == "In eess.AS, which you follow" && Speech.Contains(p.Id)),
            $"{p.Title}: “{p.Reason}” {Describe(before)}"));
        Assert.All(Grasping.Except([F2Hand, GraspGpt]), id => Assert.Contains(before.Single(p => p.Id == id).Reason, picks));
        Assert.All(Speech, id => Assert.Equal("In eess.AS, which you follow", before.Single(p => p.Id == id).Reason));
        Assert.DoesNotContain(F2Hand, ids); // a picked paper is the reader's already
        Assert.DoesNotContain(GraspGpt, ids);

        // On topic first: papers about none of it rank below every robotics and speech paper.
        var lastOnTopic = Grasping.Concat(SafeControl).Concat(Speech).Max(id => ids.IndexOf(id));
        Assert.All(Mathematics, id => Assert.True(ids.IndexOf(id) > lastOnTopic, $"{titles[id]} outranks a paper on topic: {Describe(before)}"));

        // "Not interested": the paper leaves with an undo, and its nearest neighbour sinks: lower than before, although
        // the paper's leaving lifted every paper below it by one.
        await forYou.NotInterestedAsync(titles[GelSightHand]);
        await Expect(forYou.DismissedNotice).ToContainTextAsync($"You marked {titles[GelSightHand]} not interested");
        await Expect(forYou.DismissedNotice.GetByRole(AriaRole.Button, new() { Name = "Undo" })).ToBeVisibleAsync();
        await Expect(forYou.Item(titles[GelSightHand])).ToHaveCountAsync(0);
        var dismissed = await forYou.RankedAsync();
        Log("not interested", dismissed);
        Assert.True(
            Position(dismissed, GelSightFinger) > Position(before, GelSightFinger),
            $"GelSight Svelte went from {Position(before, GelSightFinger)} to {Position(dismissed, GelSightFinger)}: {Describe(dismissed)}");

        // An upvote on another sub-topic: its nearest papers rise past papers that ranked above them (more than the
        // upvoted paper's leaving explains), each now close to it.
        await forYou.UpvoteAsync(titles[Reachability]);
        await Expect(forYou.Item(titles[Reachability])).ToHaveCountAsync(0); // upvoted: the reader's already
        var upvoted = await forYou.RankedAsync();
        Log("upvoted", upvoted);
        foreach (var id in SafeControl.Skip(1))
        {
            var (from, to) = (Position(dismissed, id), Position(upvoted, id));
            var lifted = Position(dismissed, Reachability) < from ? 1 : 0;
            Assert.True(to < from - lifted, $"{titles[id]} went from {from} to {to}: {Describe(upvoted)}");
            Assert.Equal($"Close to {titles[Reachability]}", upvoted.Single(p => p.Id == id).Reason);
        }
    }

    /// <summary>1-based, as the list numbers it.</summary>
    private static int Position(IReadOnlyList<RankedPaper> ranking, string id)
    {
        var index = ranking.Select(p => p.Id).ToList().IndexOf(id);
        Assert.True(index >= 0, $"{id} is not listed: {Describe(ranking)}");
        return index + 1;
    }

    /// <summary>Each ranking in the test output, to compare runs and databases.</summary>
    private static void Log(string step, IReadOnlyList<RankedPaper> ranking) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"After {step}: {Describe(ranking)}");

    private static string Describe(IReadOnlyList<RankedPaper> ranking) =>
        string.Join("; ", ranking.Select((p, i) => $"{i + 1}. {p.Id} {p.Title} ({p.Reason})"));

    /// <summary>
    /// Adds the papers above from the shipped arXiv sample (as its importer reads them, so each finds its shipped
    /// vector), dated over the demo's last week, and waits until the index holds them. Returns their titles by id.
    /// </summary>
    private static async Task<Dictionary<string, string>> AddSamplePapersAsync(TestApp app)
    {
        string[] wanted = [.. Grasping, .. SafeControl, .. Speech, .. Mathematics];
        var papers = File.ReadLines(new DemoCorpusOptions().ArxivSamplePath)
            .Select((line, i) => SnapshotParser.Parse(line, i + 1).Paper)
            .OfType<Paper>()
            .Where(p => wanted.Contains(p.Id))
            .ToDictionary(p => p.Id);
        Assert.Equal(wanted.Length, papers.Count);
        for (var i = 0; i < wanted.Length; i++)
        {
            papers[wanted[i]].PublishedAt = new DateTimeOffset(WeekStart.AddDays(i % 7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        await app.AddPapersAsync([.. papers.Values]);
        await app.UntilIndexedAsync();
        return papers.Values.ToDictionary(p => p.Id, p => p.Title);
    }
}
