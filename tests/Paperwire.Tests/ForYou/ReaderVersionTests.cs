using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Community.Authorship;
using Paperwire.Core.Community;
using Paperwire.Storage;

namespace Paperwire.Tests.ForYou;

/// <summary>Every signal write moves the reader's version (so a cached model is retrained); a write that changes nothing does not.</summary>
public class ReaderVersionTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_kind_of_signal_moves_the_version_and_repeats_do_not(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00001", new DateOnly(2026, 5, 28)), PaperFactory.InFeed("2605.00002", new DateOnly(2026, 5, 28)));
        var ann = await Reader.CreateAsync(app, "ann");
        var versions = new List<long> { await ann.VersionAsync() };

        async Task Step(HttpStatusCode expected, HttpMethod method, string url, object? json = null)
        {
            await ann.ExpectAsync(expected, method, url, json);
            versions.Add(await ann.VersionAsync());
        }

        await Step(HttpStatusCode.OK, HttpMethod.Post, "/api/papers/2605.00001/upvote");
        await Step(HttpStatusCode.OK, HttpMethod.Post, "/api/papers/2605.00001/upvote"); // a repeat: nothing new
        await Step(HttpStatusCode.OK, HttpMethod.Delete, "/api/papers/2605.00001/upvote");
        await Step(HttpStatusCode.OK, HttpMethod.Post, "/api/papers/2605.00002/not-interested");
        await Step(HttpStatusCode.OK, HttpMethod.Post, "/api/papers/2605.00002/not-interested"); // a repeat
        await Step(HttpStatusCode.OK, HttpMethod.Delete, "/api/papers/2605.00002/not-interested");
        await Step(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "category", name = "cs.CL" });
        await Step(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "author", name = "Ada Lovelace" });
        await Step(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "author", name = "Ada Lovelace" }); // a repeat
        await Step(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/follows/author/Ada Lovelace");
        await Step(HttpStatusCode.Created, HttpMethod.Post, "/api/collections", new { name = "Reading" });
        var collection = await app.QueryAsync(db => Task.FromResult(db.Collections.Single().Id));
        await Step(HttpStatusCode.OK, HttpMethod.Post, $"/api/collections/{collection}/items", new { paper = "2605.00001" });

        // Verified authorship is an admin's decision: it moves the author's version, not the admin's.
        var claim = await ClaimAsync(app, ann.UserId, "2605.00002");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var decided = await scope.ServiceProvider.GetRequiredService<AuthorshipService>().DecideAsync(claim, verify: true, "admin", TestContext.Current.CancellationToken);
            Assert.True(decided.Succeeded);
        }

        versions.Add(await ann.VersionAsync());

        // Upvote, repeat, unvote; dismiss, repeat, undo; follow, follow, repeat, unfollow; a new empty collection
        // (no paper: no signal); an item collected; an authorship verified.
        long[] expected = [0, 1, 1, 2, 3, 3, 4, 5, 6, 6, 7, 7, 8, 9];
        Assert.Equal(expected, versions);
    }

    private static async Task<long> ClaimAsync(TestApp app, string userId, string paperId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        var claim = new AuthorshipClaim { PaperId = paperId, AuthorIndex = 0, UserId = userId, UserName = "ann", CreatedAt = TestApp.Now };
        db.AuthorshipClaims.Add(claim);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return claim.Id;
    }
}
