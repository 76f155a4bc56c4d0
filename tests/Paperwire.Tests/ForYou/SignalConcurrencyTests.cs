using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Readers;
using Paperwire.Storage;

namespace Paperwire.Tests.ForYou;

/// <summary>Two tabs voting and dismissing the same paper at once end in one state: upvoted or dismissed, never both.</summary>
public class SignalConcurrencyTests
{
    private const int Rounds = 10;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Voting_and_dismissing_one_paper_at_once_leave_one_consistent_state(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var papers = Enumerable.Range(1, Rounds).Select(i => PaperFactory.InFeed($"2605.{i:D5}", new DateOnly(2026, 5, 28))).ToArray();
        await app.AddPapersAsync(papers);
        var ann = await Reader.CreateAsync(app, "ann");

        foreach (var paper in papers)
        {
            var answers = await Task.WhenAll(
                ann.SendAsync(HttpMethod.Post, $"/api/papers/{paper.Id}/upvote"),
                ann.SendAsync(HttpMethod.Post, $"/api/papers/{paper.Id}/not-interested"));
            Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.OK, answer.Body));
        }

        foreach (var paper in papers)
        {
            var (upvotes, voted, dismissed) = await app.QueryAsync(async db => (
                await db.Papers.Where(p => p.Id == paper.Id).Select(p => p.Upvotes).SingleAsync(Cancel),
                await db.Votes.CountAsync(v => v.PaperId == paper.Id, Cancel),
                await db.ReaderSignals.CountAsync(s => s.Kind == ReaderSignalKind.NotInterested && s.Target == paper.Id, Cancel)));
            Assert.True(voted + dismissed == 1, $"{paper.Id}: {voted} vote(s) and {dismissed} not-interested mark(s)");
            Assert.Equal(voted, upvotes); // the count shown is the votes stored
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
}
