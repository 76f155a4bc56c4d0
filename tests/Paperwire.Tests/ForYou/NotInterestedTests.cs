using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Readers;
using Paperwire.Storage;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.ForYou;

/// <summary>"Not interested" through the API: the paper leaves the reader's recommendations, and comes back on undo.</summary>
public class NotInterestedTests
{
    private const string Folding = "2601.00001";
    private const string FreeEnergy = "2601.00002";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_dismiss_a_recommended_paper_and_take_it_back(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false, embeddings: true);
        await app.AddPapersAsync(TwoTopics());
        var ann = await Reader.CreateAsync(app, "ann");
        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{Folding}/upvote");
        await UntilAsync(async () => (await ann.RecommendationsAsync()).Count == 5, "the other five papers are embedded and recommended");

        var before = await ann.RecommendationsAsync();
        Assert.Equal(["2601.00002", "2601.00003"], before.Take(2).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(("Close to Deep learning predicts protein tertiary structure from sequence", Folding), (before[0].Reason, before[0].ReasonPaper));
        Assert.DoesNotContain(before, r => r.Id == Folding); // never the paper the reader upvoted

        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{FreeEnergy}/not-interested");
        var dismissed = await ann.RecommendationsAsync();
        Assert.Equal(4, dismissed.Count);
        Assert.DoesNotContain(dismissed, r => r.Id == FreeEnergy);

        var undone = await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Delete, $"/api/papers/{FreeEnergy}/not-interested");
        Assert.Contains("\"notInterested\":false", undone);
        Assert.Contains(await ann.RecommendationsAsync(), r => r.Id == FreeEnergy);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task NotInterested_BadPaperOrWithdrawnOrSignedOut_IsAProblemAndStoresNothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var withdrawn = PaperFactory.InCatalog("2605.00009", new DateOnly(2026, 5, 20));
        withdrawn.Withdrawn = true;
        await app.AddPapersAsync(withdrawn, PaperFactory.InCatalog("2605.00010", new DateOnly(2026, 5, 20)));
        var ann = await Reader.CreateAsync(app, "ann");

        Assert.Equal(HttpStatusCode.NotFound, (await ann.SendAsync(HttpMethod.Post, "/api/papers/2605.99999/not-interested")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.SendAsync(HttpMethod.Post, "/api/papers/hep-th/9999999/not-interested")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.SendAsync(HttpMethod.Post, "/api/papers/not-an-id/not-interested")).Status);
        var (status, body) = await ann.SendAsync(HttpMethod.Post, "/api/papers/2605.00009/not-interested");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("withdrawn", body);
        Assert.Equal(HttpStatusCode.OK, (await ann.SendAsync(HttpMethod.Delete, "/api/papers/2605.00009/not-interested")).Status);
        using (var anonymous = await app.Client.PostAsync("/api/papers/2605.00010/not-interested", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        }

        using (var anonymous = await app.Client.GetAsync("/api/recommendations", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.ReaderSignals.CountAsync(s => s.Kind == ReaderSignalKind.NotInterested, Cancel)));
        Assert.Equal(0, await ann.VersionAsync());
    }
}
