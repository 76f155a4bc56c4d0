using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.ForYou;
using Paperwire.Storage;

namespace Paperwire.Tests.ForYou;

/// <summary>Follows through the API: what may be followed, the cap, and that a refused follow stores nothing.</summary>
public class FollowTests
{
    private static readonly Dictionary<string, string?> ManyWrites = new() { ["Paperwire:RateLimits:Scale"] = "1000" };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_follow_a_category_an_archive_and_an_author_list_them_and_unfollow(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ann = await Reader.CreateAsync(app, "ann");

        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "category", name = "cs.CL" });
        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "category", name = "cs" });
        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "author", name = "  Łukasz Kaiser " });
        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "author", name = "Łukasz Kaiser" });

        Assert.Equal(["category cs.CL", "category cs", "author Łukasz Kaiser"], await FollowsAsync(ann));
        await ann.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/follows/category/cs");
        await ann.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/follows/category/cs"); // idempotent
        Assert.Equal(["category cs.CL", "author Łukasz Kaiser"], await FollowsAsync(ann));

        using var export = JsonDocument.Parse(await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/account/interests"));
        var follows = export.RootElement.GetProperty("follows");
        Assert.Equal(2, follows.GetArrayLength());
        await ann.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/account/interests/{follows[0].GetProperty("id").GetInt64()}");
        Assert.Equal(["author Łukasz Kaiser"], await FollowsAsync(ann));
        var bob = await Reader.CreateAsync(app, "bob");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.SendAsync(HttpMethod.Delete, $"/api/account/interests/{follows[1].GetProperty("id").GetInt64()}")).Status);
        Assert.Equal(["author Łukasz Kaiser"], await FollowsAsync(ann)); // another reader cannot remove it
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Follow_UnknownOrHostileNames_AreRefusedAndStoreNothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ann = await Reader.CreateAsync(app, "ann");
        object[] refused =
        [
            new { kind = "category", name = "cs.XX" },
            new { kind = "category", name = "physics.nonsense" },
            new { kind = "category", name = "cs.*" },
            new { kind = "author", name = "" },
            new { kind = "author", name = "   " },
            new { kind = "author", name = "Ada\nLovelace" },
            new { kind = "author", name = "Ada\u0000" },
            new { kind = "author", name = new string('a', 201) },
            new { kind = "topic", name = "transformers" },
            new { kind = "author" },
            new { name = "cs.CL" },
        ];

        foreach (var body in refused)
        {
            var (status, text) = await ann.SendAsync(HttpMethod.Post, "/api/follows", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)} answered {(int)status}: {text}");
            Assert.Contains("\"title\"", text);
        }

        // A lone surrogate, as JSON can escape it and no database can store it.
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.SendAsync(HttpMethod.Post, "/api/follows", json: null, rawJson: """{"kind":"author","name":"Ada \ud800"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.SendAsync(HttpMethod.Post, "/api/follows", new { kind = "organization", name = "no-such-lab" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.SendAsync(HttpMethod.Delete, "/api/follows/topic/transformers")).Status);
        Assert.Equal(0, await app.QueryAsync(db => db.ReaderSignals.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(0, await ann.VersionAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Follow_BeyondTheCap_IsRefused_AndNothingBeyondItIsStored(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false, settings: ManyWrites);
        var ann = await Reader.CreateAsync(app, "ann");

        // A script trying 10,000 follows: the first refusal comes at the cap, and every later one is refused too.
        var accepted = 0;
        var refusals = 0;
        for (var i = 0; i < 10_000 && refusals < 20; i++)
        {
            var (status, body) = await ann.SendAsync(HttpMethod.Post, "/api/follows", new { kind = "author", name = $"Author {i}" });
            if (status == HttpStatusCode.OK)
            {
                Assert.Equal(0, refusals);
                accepted++;
            }
            else
            {
                Assert.True(status == HttpStatusCode.Conflict, body);
                refusals++;
            }
        }

        Assert.Equal(FollowRules.MaxFollowsPerReader, accepted);
        Assert.Equal(FollowRules.MaxFollowsPerReader, await app.QueryAsync(db => db.ReaderSignals.CountAsync(TestContext.Current.CancellationToken)));
        // A follow already held is still fine at the cap (idempotent).
        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "author", name = "Author 7" });
    }

    private static async Task<List<string>> FollowsAsync(Reader reader)
    {
        using var document = JsonDocument.Parse(await reader.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/follows"));
        return [.. document.RootElement.EnumerateArray().Select(f => $"{f.GetProperty("kind").GetString()} {f.GetProperty("name").GetString()}")];
    }
}
