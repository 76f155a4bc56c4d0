using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Tests.Community.Collections;

/// <summary>Writes racing each other meet at the unique indexes: no duplicate slugs, claims or items, and no 500s.</summary>
public class CollectionRaceTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Racing_creates_with_one_name_get_distinct_slugs_and_racing_adds_one_item(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");

        var creates = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ada.SendAsync(HttpMethod.Post, "/api/collections", new { name = "Same name" })));
        Assert.All(creates, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var slugs = await app.QueryAsync(db => db.Collections.Select(c => c.Slug).ToListAsync());
        Assert.Equal(8, slugs.Distinct().Count());
        Assert.Contains("same-name", slugs);

        var id = await app.QueryAsync(db => db.Collections.Where(c => c.Slug == "same-name").Select(c => c.Id).SingleAsync());
        var adds = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00001" })));
        Assert.Single(adds, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(adds, r => Assert.Contains(r.StatusCode, (HttpStatusCode[])[HttpStatusCode.OK, HttpStatusCode.Conflict]));

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ada.SendAsync(HttpMethod.Post, "/api/papers/2605.00002/authorship", new { authorIndex = 0 })));
        Assert.Single(claims, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(claims, r => Assert.Contains(r.StatusCode, (HttpStatusCode[])[HttpStatusCode.Created, HttpStatusCode.Conflict]));
        Assert.Equal(1, await app.QueryAsync(db => db.AuthorshipClaims.CountAsync()));

        foreach (var response in creates.Concat(adds).Concat(claims))
        {
            response.Dispose();
        }
    }

    /// <summary>
    /// A vote updates its paper and then takes the change-sequence counter; a public collection's change touches its
    /// papers through the counter. Taken in opposite orders, the two deadlocked on PostgreSQL (a 500 for one of them).
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Votes_and_public_collection_changes_on_the_same_papers_at_once_all_succeed(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var voters = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => TestUser.CreateAsync(app, $"voter{i}")));
        var id = (await CollectionApiTests.CreateAsync(ada, "Shared list", isPublic: true)).GetProperty("id").GetInt64();
        using (var first = await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00002" }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        async Task<List<HttpStatusCode>> VoteAsync(TestUser voter)
        {
            var statuses = new List<HttpStatusCode>();
            for (var round = 0; round < 8; round++)
            {
                foreach (var paper in (string[])["2605.00001", "2605.00002"])
                {
                    using var response = await voter.SendAsync(round % 2 == 0 ? HttpMethod.Post : HttpMethod.Delete, $"/api/papers/{paper}/upvote");
                    statuses.Add(response.StatusCode);
                }
            }

            return statuses;
        }

        async Task<List<HttpStatusCode>> CollectAsync()
        {
            var statuses = new List<HttpStatusCode>();
            for (var round = 0; round < 16; round++)
            {
                using var response = round % 2 == 0
                    ? await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00001" })
                    : await ada.SendAsync(HttpMethod.Delete, $"/api/collections/{id}/items/2605.00001");
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }

        var results = await Task.WhenAll(voters.Select(VoteAsync).Append(CollectAsync()));

        Assert.All(results.SelectMany(r => r), status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"a write answered {(int)status}"));
        Assert.Equal(0, await app.QueryAsync(db => db.Votes.CountAsync())); // every voter's last round took the vote back
        Assert.Equal([0, 0], await app.QueryAsync(db => db.Papers.Where(p => p.Id == "2605.00001" || p.Id == "2605.00002").Select(p => p.Upvotes).ToListAsync()));
    }
}
