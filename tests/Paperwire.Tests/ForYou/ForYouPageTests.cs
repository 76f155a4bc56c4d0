using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Readers;
using Paperwire.Storage;
using Paperwire.Tests.Community.Votes;
using static Paperwire.Tests.ForYou.ForYouPageKit;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.ForYou;

/// <summary>The <c>/for-you</c> page: the first visit asks for interests, then the ranking shows with reasons and tabs.</summary>
public class ForYouPageTests
{
    private const string Folding = "2601.00001";
    private const string FreeEnergy = "2601.00002";
    private const string Chaperones = "2601.00003";
    private const string FoldingTitle = "Deep learning predicts protein tertiary structure from sequence";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_new_reader_follows_a_suggested_category_and_gets_its_papers_with_the_follow_as_reason(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false, embeddings: true);
        await app.AddPapersAsync(TwoTopics());
        await CommunityClient.CreateUserAsync(app, "ann");
        using var ann = await CommunityClient.SignedInAsync(app, "ann");

        var first = await ann.Http.GetStringAsync("/for-you", Cancel);
        Assert.Contains("Tell For you what you read", first);
        Assert.Contains("value=\"q-bio.BM\"", first); // the catalog's categories are offered, most papers first
        Assert.True(first.IndexOf("value=\"q-bio.BM\"", StringComparison.Ordinal) < first.IndexOf("value=\"hep-th\"", StringComparison.Ordinal));
        Assert.Empty(Ranked(first));

        var (status, _, body) = await PostAsync(ann, first, "/for-you?handler=Categories", ("category", "q-bio.BM"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Following q-bio.BM.", body);

        await UntilAsync(async () => Ranked(await ann.Http.GetStringAsync("/for-you", Cancel)).Count == 3, "the three q-bio.BM papers are embedded and ranked");
        var ranked = Ranked(await ann.Http.GetStringAsync("/for-you", Cancel));
        Assert.Equal([Folding, FreeEnergy, Chaperones], ranked.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(ranked, r => Assert.Equal("In q-bio.BM, which you follow", r.Reason));
        var page = await ann.Http.GetStringAsync("/for-you", Cancel);
        Assert.DoesNotContain("Tell For you what you read", page);
        Assert.Contains("aria-current=\"page\">Week</a>", page);
    }

    [Fact]
    public async Task A_tab_with_too_few_papers_reaches_back_until_it_holds_enough_and_says_so()
    {
        // The newest paper date (10 Jan) has one paper, on black holes; the protein papers are a few days older. A
        // fresh install is the same shape: a few demo papers on their own days, the arXiv sample months earlier.
        await using var app = await TestApp.StartAsync(demo: false, embeddings: true);
        await app.AddPapersAsync(TwoTopics());
        await CommunityClient.CreateUserAsync(app, "ann");
        using var ann = await CommunityClient.SignedInAsync(app, "ann");
        await PostAsync(ann, await ann.Http.GetStringAsync("/for-you", Cancel), "/for-you?handler=Categories", ("category", "q-bio.BM"));

        await UntilAsync(async () => Ranked(await ann.Http.GetStringAsync("/for-you?span=day", Cancel)).Count == 3, "the three q-bio.BM papers are embedded and ranked on the day tab");
        var day = await ann.Http.GetStringAsync("/for-you?span=day", Cancel);

        Assert.Equal([Folding, FreeEnergy, Chaperones], Ranked(day).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Contains("Papers dated 5 Jan 2026 to 10 Jan 2026: the catalog has fewer than 10 papers on its newest paper date, so this tab reaches back to 5 Jan 2026 to rank at least that many.", Normalize(day));
        Assert.Contains("aria-current=\"page\">Latest day</a>", day);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Categories_are_offered_while_no_paper_is_embedded_yet(DatabaseProvider provider)
    {
        // Without the embedding model no paper ever gets a vector: the catalog's categories still exist, and a new
        // reader must be offered them (they were counted from the embedded papers only, so a first visit racing
        // the embedder saw none).
        await using var app = await TestApp.StartAsync(provider, demo: false, embeddings: false);
        await app.AddPapersAsync(TwoTopics());
        await CommunityClient.CreateUserAsync(app, "ann");
        using var ann = await CommunityClient.SignedInAsync(app, "ann");

        var page = await ann.Http.GetStringAsync("/for-you", Cancel);
        var offered = new[] { "q-bio.BM", "gr-qc", "hep-th" }.Select(c => page.IndexOf($"value=\"{c}\"", StringComparison.Ordinal)).ToList();
        Assert.All(offered, at => Assert.True(at >= 0));
        Assert.Equal(offered.Order(), offered); // most papers first: 3, 2, 1
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Pasted_ids_and_addresses_are_picked_and_what_is_not_a_catalog_paper_is_named(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false, embeddings: true);
        await app.AddPapersAsync(TwoTopics());
        var userId = await CommunityClient.CreateUserAsync(app, "ann");
        using var ann = await CommunityClient.SignedInAsync(app, "ann");
        var page = await ann.Http.GetStringAsync("/for-you", Cancel);

        var (refused, _, refusal) = await PostAsync(ann, page, "/for-you?handler=Papers", ("pasted", "not-an-id https://example.org/abs/2601.00001"));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("Not a paper id or address: not-an-id, https://example.org/abs/2601.00001", refusal);
        Assert.Equal(0, await app.QueryAsync(db => db.ReaderSignals.CountAsync(s => s.UserId == userId, Cancel)));

        var (status, _, body) = await PostAsync(ann, page, "/for-you?handler=Papers", ("pasted", "https://arxiv.org/abs/2601.00001v2,\n2609.99999 nonsense"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Picked 1 paper", body);
        Assert.Contains("Not in this catalog (or withdrawn): 2609.99999.", body);
        Assert.Contains("Not a paper id or address: nonsense.", body);

        await UntilAsync(async () => Ranked(await ann.Http.GetStringAsync("/for-you", Cancel)).Count == 5, "the other five papers are embedded and ranked");
        var ranked = Ranked(await ann.Http.GetStringAsync("/for-you", Cancel));
        Assert.Equal([FreeEnergy, Chaperones], ranked.Take(2).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal($"Close to {FoldingTitle}", ranked[0].Reason);
        Assert.DoesNotContain(ranked, r => r.Id == Folding); // a picked paper is the reader's already
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Papers_like_mine_follows_the_name_and_picks_only_papers_whose_byline_has_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false, embeddings: true);
        var papers = TwoTopics();
        papers[0].Authors = [new() { Name = "Ada Byron" }, new() { Name = "Alan Turing" }];
        papers[2].Authors = [new() { Name = "Ada  Byron" }];
        papers[4].Summary += " We thank Ada Byron for discussions.";
        await app.AddPapersAsync(papers);
        var userId = await CommunityClient.CreateUserAsync(app, "ada");
        using var ada = await CommunityClient.SignedInAsync(app, "ada");
        await UntilFoundAsync(ada.Http, "Byron", papers[4].Id);

        var page = await ada.Http.GetStringAsync("/for-you", Cancel);
        var (status, _, body) = await PostAsync(ada, page, "/for-you?handler=Author", ("author", "  ada byron "));

        Assert.Equal(HttpStatusCode.OK, status);
        var notice = body[body.IndexOf("<main", StringComparison.Ordinal)..body.IndexOf("for-you-setup", StringComparison.Ordinal)];
        Assert.True(notice.Contains("Following ada byron and picked 2 papers by them", StringComparison.Ordinal), notice);
        var stored = await app.QueryAsync(db => db.ReaderSignals.Where(s => s.UserId == userId).Select(s => new { s.Kind, s.Target }).ToListAsync(Cancel));
        Assert.Equal(
            [(ReaderSignalKind.FollowAuthor, "ada byron"), (ReaderSignalKind.PickedPaper, Folding), (ReaderSignalKind.PickedPaper, Chaperones)],
            stored.Select(s => (s.Kind, s.Target)).OrderBy(s => s.Kind).ThenBy(s => s.Target, StringComparer.Ordinal));
        await UntilAsync(async () => Ranked(await ada.Http.GetStringAsync("/for-you", Cancel)).FirstOrDefault().Id == FreeEnergy, "the other protein paper ranks first");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Not_interested_on_for_you_drops_the_paper_with_an_undo_that_brings_it_back(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false, embeddings: true);
        await app.AddPapersAsync(TwoTopics());
        await CommunityClient.CreateUserAsync(app, "ann");
        using var ann = await CommunityClient.SignedInAsync(app, "ann");
        var start = await ann.Http.GetStringAsync("/for-you", Cancel);
        await PostAsync(ann, start, "/for-you?handler=Papers", ("pasted", Folding));
        await UntilAsync(async () => Ranked(await ann.Http.GetStringAsync("/for-you", Cancel)).Count == 5, "the other five papers are ranked");

        var before = await ann.Http.GetStringAsync("/for-you", Cancel);
        var (status, location, _) = await PostAsync(ann, before, NotInterestedAction(before, FreeEnergy));
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/for-you?dismissed={FreeEnergy}", location);

        var after = await ann.Http.GetStringAsync(location, Cancel);
        Assert.DoesNotContain(Ranked(after), r => r.Id == FreeEnergy);
        Assert.Equal(4, Ranked(after).Count);
        Assert.Contains("not interested; papers like it now sink", after);

        var (undone, back, _) = await PostAsync(ann, after, NotInterestedAction(after, FreeEnergy, undo: true));
        Assert.Equal(HttpStatusCode.Redirect, undone);
        var restored = await ann.Http.GetStringAsync(back!, Cancel);
        Assert.Contains(Ranked(restored), r => r.Id == FreeEnergy);
        Assert.DoesNotContain("papers like it now sink", restored);
    }

    [Fact]
    public async Task A_search_result_marked_not_interested_folds_into_an_undo_line_in_place()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(TwoTopics());
        await CommunityClient.CreateUserAsync(app, "ann");
        using var ann = await CommunityClient.SignedInAsync(app, "ann");
        await UntilFoundAsync(ann.Http, "hawking", "2601.00005");
        const string Search = "/search?q=hawking+radiation";

        var results = await ann.Http.GetStringAsync(Search, Cancel);
        var (status, location, _) = await PostAsync(ann, results, NotInterestedAction(results, "2601.00005"));
        Assert.Equal((HttpStatusCode.Redirect, Search), (status, location));

        var folded = await ann.Http.GetStringAsync(Search, Cancel);
        Assert.Contains("You marked <a href=\"/papers/2601.00005\">Hawking radiation and the information paradox</a> not interested", folded);
        var (undone, _, _) = await PostAsync(ann, folded, NotInterestedAction(folded, "2601.00005", undo: true));
        Assert.Equal(HttpStatusCode.Redirect, undone);
        Assert.DoesNotContain("You marked", await ann.Http.GetStringAsync(Search, Cancel));

        // Anonymous readers see no such button (and the page stays cacheable for them).
        using var anonymous = CommunityClient.Anonymous(app);
        Assert.DoesNotContain("/papers/not-interested", await anonymous.Http.GetStringAsync(Search, Cancel));
    }

    [Fact]
    public async Task Follow_buttons_on_a_paper_page_follow_and_unfollow_its_category_and_authors()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var papers = TwoTopics();
        papers[3].Authors = [new() { Name = "Kip Thorne" }];
        await app.AddPapersAsync(papers);
        var userId = await CommunityClient.CreateUserAsync(app, "ann");
        using var ann = await CommunityClient.SignedInAsync(app, "ann");
        var paper = await ann.Http.GetStringAsync("/papers/2601.00004", Cancel);
        Assert.Contains("title=\"Follow gr-qc\"", paper);
        Assert.Contains("title=\"Follow Kip Thorne\"", paper);

        var (status, location, _) = await PostAsync(ann, paper, "/for-you/follow?returnUrl=%2Fpapers%2F2601.00004", ("kind", "category"), ("name", "gr-qc"), ("follow", "true"));
        Assert.Equal((HttpStatusCode.Redirect, "/papers/2601.00004"), (status, location));
        await PostAsync(ann, paper, "/for-you/follow?returnUrl=%2Fpapers%2F2601.00004", ("kind", "author"), ("name", "Kip Thorne"), ("follow", "true"));
        var following = await ann.Http.GetStringAsync("/papers/2601.00004", Cancel);
        Assert.Contains("title=\"Stop following gr-qc\"", following);
        Assert.Contains("title=\"Stop following Kip Thorne\"", following);

        await PostAsync(ann, following, "/for-you/follow", ("kind", "category"), ("name", "gr-qc"), ("follow", "false"));
        Assert.Equal(
            [(ReaderSignalKind.FollowAuthor, "Kip Thorne")],
            (await app.QueryAsync(db => db.ReaderSignals.Where(s => s.UserId == userId).Select(s => new { s.Kind, s.Target }).ToListAsync(Cancel))).Select(s => (s.Kind, s.Target)));
    }

    private static string Normalize(string html) => System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(html), @"\s+", " ");

    [Fact]
    public async Task Bad_input_gets_a_clear_4xx_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(TwoTopics());
        var userId = await CommunityClient.CreateUserAsync(app, "ann");
        using var ann = await CommunityClient.SignedInAsync(app, "ann");
        var page = await ann.Http.GetStringAsync("/for-you", Cancel);

        foreach (var url in (string[])["/for-you?span=year", "/for-you?p=-1", "/for-you?p=abc", "/for-you?p=100000"])
        {
            using var response = await ann.Http.GetAsync(url, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(ann, page, "/papers/not-interested?id=2609.99999")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ann, page, "/papers/not-interested?id=%3Cscript%3E")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ann, page, "/for-you/follow", ("kind", "category"), ("name", "cs.XX"), ("follow", "true"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ann, page, "/for-you/follow", ("kind", "planet"), ("name", "Mars"), ("follow", "true"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ann, page, "/for-you?handler=Author", ("author", "   "))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ann, page, "/for-you?handler=Author", ("author", "\u0001\u0002"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ann, page, "/for-you?handler=Categories", ("category", "not-a-category"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(ann, page, "/for-you?handler=Papers", ("pasted", new string('x', 20_000)))).Status);
        Assert.Equal(0, await app.QueryAsync(db => db.ReaderSignals.CountAsync(s => s.UserId == userId, Cancel)));

        // Without the form's token nothing is stored either; anonymous readers are sent to sign in.
        using var forged = await ann.Http.PostAsync("/for-you?handler=Categories", new FormUrlEncodedContent([new("category", "gr-qc")]), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.ReaderSignals.CountAsync(s => s.UserId == userId, Cancel)));
        using var anonymous = CommunityClient.Anonymous(app);
        using var redirected = await anonymous.Http.GetAsync("/for-you", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("/account/signin", redirected.Headers.Location?.PathAndQuery ?? redirected.Headers.Location?.OriginalString);
    }
}
