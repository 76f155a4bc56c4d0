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
}
