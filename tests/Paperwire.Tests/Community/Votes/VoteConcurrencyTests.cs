using Paperwire.Storage;

namespace Paperwire.Tests.Community.Votes;

/// <summary>Concurrent clicks never double-count: the vote's key and the count move together in one transaction.</summary>
public class VoteConcurrencyTests
{
    private const int Voters = 100;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_hundred_users_upvoting_at_once_count_exactly_a_hundred(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00100", new DateOnly(2026, 5, 28)));
        var secrets = new List<string>();
        for (var i = 0; i < Voters; i++)
        {
            secrets.Add(await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, $"voter{i:D3}")));
        }

        // Every voter double-clicks: two requests each, all in flight together.
        using var start = new SemaphoreSlim(0);
        var requests = secrets.Concat(secrets).Select(async secret =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            return await VoteApiTests.SendAsync(app, HttpMethod.Post, "/api/papers/2605.00100/upvote", secret);
        }).ToList();
        start.Release(requests.Count);
        var answers = await Task.WhenAll(requests);

        Assert.All(answers, answer => Assert.True(answer.Upvoted));
        Assert.Equal(Voters, answers.Max(a => a.Upvotes));
        Assert.Equal((Voters, Voters), await VoteApiTests.StoredAsync(app, "2605.00100"));
    }
}
