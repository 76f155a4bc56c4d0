using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Tests.Community.Collections;

/// <summary>Collections through the API: create, rename, publish, delete; add, reorder, annotate and remove papers.</summary>
public class CollectionApiTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_create_rename_publish_and_delete_a_collection_keeping_its_slug(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");

        var first = await CreateAsync(ada, "Reading list: Transformers!", "Papers I like");
        Assert.Equal("reading-list-transformers", first.GetProperty("slug").GetString());
        Assert.False(first.GetProperty("public").GetBoolean());
        Assert.Equal("/collections/ada/reading-list-transformers", first.GetProperty("url").GetString());
        var second = await CreateAsync(ada, "Reading list — Transformers");
        var third = await CreateAsync(ada, "reading LIST transformers");
        Assert.Equal("reading-list-transformers-2", second.GetProperty("slug").GetString());
        Assert.Equal("reading-list-transformers-3", third.GetProperty("slug").GetString());

        var id = first.GetProperty("id").GetInt64();
        using (var renamed = await ada.SendAsync(HttpMethod.Put, $"/api/collections/{id}", new { name = "Favourites", @public = true }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            var body = await ReadAsync(renamed);
            Assert.Equal("Favourites", body.GetProperty("name").GetString());
            Assert.Equal("reading-list-transformers", body.GetProperty("slug").GetString());
            Assert.True(body.GetProperty("public").GetBoolean());
            Assert.Equal("Papers I like", body.GetProperty("description").GetString());
        }

        using (var anonymous = await TestUser.SendAnonymousAsync(app, HttpMethod.Get, "/api/collections/ada/reading-list-transformers"))
        {
            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            Assert.Equal("Favourites", (await ReadAsync(anonymous)).GetProperty("name").GetString());
        }

        using (var deleted = await ada.SendAsync(HttpMethod.Delete, $"/api/collections/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await ada.SendAsync(HttpMethod.Get, "/api/collections/ada/reading-list-transformers");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.Collections.CountAsync(c => c.OwnerId == ada.Id)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_add_move_annotate_and_remove_papers_in_order(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var id = (await CreateAsync(ada, "Queue", isPublic: true)).GetProperty("id").GetInt64();

        foreach (var paper in (string[])["2605.00001", "2605.00002v3", "arXiv:2605.00003", "hep-th/9901001"])
        {
            using var added = await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper, note = "why " + paper });
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        Assert.Equal(["2605.00001", "2605.00002", "2605.00003", "hep-th/9901001"], await OrderAsync(app));

        using (var moved = await ada.SendAsync(HttpMethod.Put, $"/api/collections/{id}/items/hep-th/9901001", new { position = 0, note = "start here" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            var items = (await ReadAsync(moved)).GetProperty("items").EnumerateArray().ToList();
            Assert.Equal("hep-th/9901001", items[0].GetProperty("paper").GetProperty("id").GetString());
            Assert.Equal("start here", items[0].GetProperty("note").GetString());
            Assert.Equal([0, 1, 2, 3], items.Select(i => i.GetProperty("position").GetInt32()));
        }

        using (var movedDown = await ada.SendAsync(HttpMethod.Put, $"/api/collections/{id}/items/2605.00001", new { position = 3 }))
        {
            Assert.Equal(HttpStatusCode.OK, movedDown.StatusCode);
        }

        Assert.Equal(["hep-th/9901001", "2605.00002", "2605.00003", "2605.00001"], await OrderAsync(app));

        using (var removed = await ada.SendAsync(HttpMethod.Delete, $"/api/collections/{id}/items/2605.00002"))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        Assert.Equal(["hep-th/9901001", "2605.00003", "2605.00001"], await OrderAsync(app));
        var positions = await app.QueryAsync(db => db.CollectionItems.OrderBy(i => i.Position).Select(i => i.Position).ToListAsync());
        Assert.Equal([0, 1, 2], positions);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Bad_collection_input_is_a_clear_4xx_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var id = (await CreateAsync(ada, "Queue")).GetProperty("id").GetInt64();
        using (var added = await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00001" }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var cases = new (HttpMethod Method, string Url, object? Body, HttpStatusCode Status)[]
        {
            (HttpMethod.Post, "/api/collections", new { name = new string('n', 201) }, HttpStatusCode.BadRequest),
            (HttpMethod.Post, "/api/collections", new { name = "   " }, HttpStatusCode.BadRequest),
            (HttpMethod.Post, "/api/collections", new { name = "ok", description = new string('d', 2001) }, HttpStatusCode.BadRequest),
            (HttpMethod.Post, "/api/collections", new { name = "nul\0byte" }, HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"/api/collections/{id}", new { name = "" }, HttpStatusCode.BadRequest),
            (HttpMethod.Put, "/api/collections/999999", new { name = "x" }, HttpStatusCode.NotFound),
            (HttpMethod.Delete, "/api/collections/999999", null, HttpStatusCode.NotFound),
            (HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00001" }, HttpStatusCode.Conflict),
            (HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.99999" }, HttpStatusCode.NotFound),
            (HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "not a paper" }, HttpStatusCode.BadRequest),
            (HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00002", note = new string('x', 2001) }, HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"/api/collections/{id}/items/2605.00001", new { position = 1 }, HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"/api/collections/{id}/items/2605.00001", new { position = -1 }, HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"/api/collections/{id}/items/2605.00002", new { position = 0 }, HttpStatusCode.NotFound),
            (HttpMethod.Delete, $"/api/collections/{id}/items/2605.00003", null, HttpStatusCode.NotFound),
        };
        foreach (var (method, url, body, status) in cases)
        {
            using var response = await ada.SendAsync(method, url, body);
            Assert.True(status == response.StatusCode, $"{method} {url}: {response.StatusCode}, expected {status}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(1, await app.QueryAsync(db => db.Collections.CountAsync()));
        Assert.Equal(["2605.00001"], await OrderAsync(app));
        Assert.Equal("Queue", await app.QueryAsync(db => db.Collections.Select(c => c.Name).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Another_user_cannot_change_a_collection_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var mallory = await TestUser.CreateAsync(app, "mallory");
        var hidden = (await CreateAsync(ada, "Secret plans")).GetProperty("id").GetInt64();
        var shown = (await CreateAsync(ada, "Open list", isPublic: true)).GetProperty("id").GetInt64();
        foreach (var id in (long[])[hidden, shown])
        {
            using var added = await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00001", note = "mine" });
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        foreach (var (id, status) in ((long, HttpStatusCode)[])[(hidden, HttpStatusCode.NotFound), (shown, HttpStatusCode.Forbidden)])
        {
            var attempts = new (HttpMethod Method, string Url, object? Body)[]
            {
                (HttpMethod.Put, $"/api/collections/{id}", new { name = "pwned", @public = true }),
                (HttpMethod.Delete, $"/api/collections/{id}", null),
                (HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00002" }),
                (HttpMethod.Put, $"/api/collections/{id}/items/2605.00001", new { note = "pwned" }),
                (HttpMethod.Delete, $"/api/collections/{id}/items/2605.00001", null),
            };
            foreach (var (method, url, body) in attempts)
            {
                using var response = await mallory.SendAsync(method, url, body);
                Assert.True(status == response.StatusCode, $"{method} {url}: {response.StatusCode}, expected {status}");
                using var anonymous = await TestUser.SendAnonymousAsync(app, method, url, body);
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }
        }

        var state = await app.QueryAsync(db => db.Collections.OrderBy(c => c.Id)
            .Select(c => new { c.Name, c.IsPublic, Items = c.Items.Select(i => i.PaperId + ":" + i.Note).ToList() }).ToListAsync());
        Assert.Equal(["Secret plans", "Open list"], state.Select(s => s.Name));
        Assert.Equal([false, true], state.Select(s => s.IsPublic));
        Assert.All(state, s => Assert.Equal(["2605.00001:mine"], s.Items));
    }

    internal static async Task<JsonElement> CreateAsync(TestUser user, string name, string? description = null, bool isPublic = false)
    {
        using var response = await user.SendAsync(HttpMethod.Post, "/api/collections", new { name, description, @public = isPublic });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync(response);
    }

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).Clone();

    private static Task<List<string>> OrderAsync(TestApp app) =>
        app.QueryAsync(db => db.CollectionItems.OrderBy(i => i.Position).Select(i => i.PaperId).ToListAsync());
}
