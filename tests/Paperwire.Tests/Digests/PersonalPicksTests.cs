using System.Net;
using Paperwire.Core.Papers;
using Paperwire.Digests;
using Paperwire.Storage;
using Paperwire.Tests.ForYou;

namespace Paperwire.Tests.Digests;

/// <summary>
/// Personal picks order a subscriber's digest by their For-you model: what they upvote and follow comes first, what
/// they marked not interested never comes, and everyone else's digest stays in trending order.
/// </summary>
public class PersonalPicksTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_reader_who_upvoted_papers_on_a_topic_gets_the_periods_papers_on_it_first(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink, embeddings: true);
        await app.AddPapersAsync([.. PicksPapers.Period, .. PicksPapers.EarlierProteinPapers]);
        var ann = await Reader.CreateAsync(app, "ann");
        foreach (var paper in PicksPapers.EarlierProteinPapers)
        {
            await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{paper.Id}/upvote");
        }

        var address = await SubscribeWithPicksAsync(app, ann, paperCount: 2);
        await PicksPapers.UntilIndexedAsync(app);

        await app.RunAsync();

        var digest = Assert.Single(await sink.WaitForAsync(address));
        Assert.Equal([PicksPapers.Folding.Title, PicksPapers.Chaperones.Title], DigestKit.Titles(digest).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(PaperSelection.PicksUnavailable, digest.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_reader_who_follows_a_category_gets_its_papers_first_and_the_rest_in_trending_order(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink, embeddings: true);
        await app.AddPapersAsync(PicksPapers.Period);
        var ben = await Reader.CreateAsync(app, "ben");
        await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "category", name = "q-bio.BM" });
        var follower = await SubscribeWithPicksAsync(app, ben, paperCount: 10);
        var plain = SmtpSink.NewAddress("plain");
        await app.AddActiveSubscriberAsync(plain, s => s.PaperCount = 10);
        await PicksPapers.UntilIndexedAsync(app);

        await app.RunAsync();

        var trending = DigestKit.Titles(Assert.Single(await sink.WaitForAsync(plain)));
        var picked = DigestKit.Titles(Assert.Single(await sink.WaitForAsync(follower)));
        Assert.Equal(PicksPapers.TrendingTitles, trending.Where(PicksPapers.TrendingTitles.Contains));
        // The followed category's two papers first, in trending order between themselves; then everything else as trending has it.
        List<string> followedFirst = [PicksPapers.Folding.Title, PicksPapers.Chaperones.Title];
        Assert.Equal([.. followedFirst, .. trending.Except(followedFirst)], picked);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_paper_marked_not_interested_never_appears_in_the_readers_picks(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink, embeddings: true);
        await app.AddPapersAsync([.. PicksPapers.Period, .. PicksPapers.EarlierProteinPapers]);
        var cleo = await Reader.CreateAsync(app, "cleo");
        foreach (var paper in PicksPapers.EarlierProteinPapers)
        {
            await cleo.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{paper.Id}/upvote");
        }

        // The paper her model would put first, and the period's most upvoted one.
        foreach (var paper in new[] { PicksPapers.Folding, PicksPapers.Shadows })
        {
            await cleo.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{paper.Id}/not-interested");
        }

        var address = await SubscribeWithPicksAsync(app, cleo, paperCount: 10);
        await PicksPapers.UntilIndexedAsync(app);

        await app.RunAsync();

        var titles = DigestKit.Titles(Assert.Single(await sink.WaitForAsync(address)));
        Assert.DoesNotContain(PicksPapers.Folding.Title, titles);
        Assert.DoesNotContain(PicksPapers.Shadows.Title, titles);
        Assert.Equal(PicksPapers.Chaperones.Title, titles[0]); // still interested in the topic
        Assert.Equal(PicksPapers.Period.Length - 2, titles.Count(t => PicksPapers.Period.Any(p => p.Title == t)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Subscribers_without_picks_or_without_signals_get_the_trending_order_unchanged(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink, embeddings: true);
        await app.AddPapersAsync(PicksPapers.Period);
        var newcomer = await Reader.CreateAsync(app, "newcomer"); // an account that has upvoted and followed nothing
        var dana = await Reader.CreateAsync(app, "dana");
        await dana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "category", name = "q-bio.BM" });
        var withoutSignals = await SubscribeWithPicksAsync(app, newcomer, paperCount: 10);
        var withSignals = await SubscribeWithPicksAsync(app, dana, paperCount: 10);
        var withoutPicks = SmtpSink.NewAddress("plain");
        await app.AddActiveSubscriberAsync(withoutPicks, s => (s.UserId, s.PaperCount) = (dana.UserId, 10));
        await PicksPapers.UntilIndexedAsync(app);

        await app.RunAsync();

        var trending = Assert.Single(await sink.WaitForAsync(withoutPicks));
        var newcomers = Assert.Single(await sink.WaitForAsync(withoutSignals));
        Assert.Equal(PicksPapers.TrendingTitles, DigestKit.Titles(trending).Where(PicksPapers.TrendingTitles.Contains));
        Assert.Equal(DigestKit.Titles(trending), DigestKit.Titles(newcomers));
        Assert.DoesNotContain(PaperSelection.PicksUnavailable, newcomers.TextBody, StringComparison.Ordinal);
        // The same run did reorder for a reader with a signal: picks were on, just not for them.
        Assert.Equal(PicksPapers.Folding.Title, DigestKit.Titles(Assert.Single(await sink.WaitForAsync(withSignals)))[0]);
    }

    private static async Task<string> SubscribeWithPicksAsync(TestApp app, Reader reader, int paperCount)
    {
        var address = SmtpSink.NewAddress("picks");
        await app.AddActiveSubscriberAsync(address, s => (s.UserId, s.PersonalPicks, s.PaperCount) = (reader.UserId, true, paperCount));
        return address;
    }
}
