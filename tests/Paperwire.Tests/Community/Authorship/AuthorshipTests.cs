using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Storage;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Community.Authorship;

/// <summary>Claiming an author entry, an admin's decision, and where verified authors show.</summary>
public class AuthorshipTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_claim_an_author_entry_and_show_as_verified_author_once_an_admin_verifies(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var alan = await TestUser.CreateAsync(app, "alan");
        var admin = await TestUser.CreateAsync(app, "root", Roles.Admin);

        // The paper page offers "This is me" per author; the button posts the claim.
        var browser = await alan.SignInAsync();
        Assert.Contains("This is me", await browser.GetStringAsync("/papers/2605.00001"));
        using (var claimed = await browser.SubmitAsync("/papers/2605.00001", "/authorship/claim?id=2605.00001", new() { ["authorIndex"] = "1" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        Assert.Contains("your claim is pending", await browser.GetStringAsync("/papers/2605.00001"));
        Assert.DoesNotContain("verified-mark", await app.Client.GetStringAsync("/papers/2605.00001", TestContext.Current.CancellationToken));

        var adminBrowser = await admin.SignInAsync();
        var queue = await adminBrowser.GetStringAsync("/admin/claims");
        Assert.Contains("Alan Turing", queue);
        Assert.Contains("Attention is all we collect", queue);
        var claimId = await app.QueryAsync(db => db.AuthorshipClaims.Select(c => c.Id).SingleAsync());
        using (var verified = await adminBrowser.SubmitAsync("/admin/claims", "/admin/claims?handler=Verify", new() { ["claimId"] = claimId.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        }

        Assert.DoesNotContain("Alan Turing", await adminBrowser.GetStringAsync("/admin/claims"));
        var paperPage = await app.Client.GetStringAsync("/papers/2605.00001", TestContext.Current.CancellationToken);
        Assert.Contains("Verified authors", paperPage);
        Assert.Contains("href=\"/u/alan\" title=\"Verified author: alan\"", paperPage);
        var profile = await app.Client.GetStringAsync("/u/alan", TestContext.Current.CancellationToken);
        Assert.Contains("Authored papers", profile);
        Assert.Contains("Attention is all we collect", profile);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Claim_rules_answer_201_409_400_404_401_and_store_only_valid_claims(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");

        using (var created = await ada.SendAsync(HttpMethod.Post, "/api/papers/2605.00001/authorship", new { authorIndex = 0 }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await CollectionApiTests.ReadAsync(created);
            Assert.Equal("pending", body.GetProperty("status").GetString());
            Assert.Equal("ada", body.GetProperty("user").GetString());
        }

        using (var oldStyle = await ada.SendAsync(HttpMethod.Post, "/api/papers/hep-th/9901001/authorship", new { authorIndex = 0 }))
        {
            Assert.Equal(HttpStatusCode.Created, oldStyle.StatusCode);
        }

        var cases = new (string Url, object Body, HttpStatusCode Status)[]
        {
            ("/api/papers/2605.00001/authorship", new { authorIndex = 0 }, HttpStatusCode.Conflict),
            ("/api/papers/2605.00001v2/authorship", new { authorIndex = 0 }, HttpStatusCode.Conflict),
            ("/api/papers/2605.00001/authorship", new { authorIndex = 3 }, HttpStatusCode.BadRequest),
            ("/api/papers/2605.00001/authorship", new { authorIndex = -1 }, HttpStatusCode.BadRequest),
            ("/api/papers/2605.00001/authorship", new { }, HttpStatusCode.BadRequest),
            ("/api/papers/2605.99999/authorship", new { authorIndex = 0 }, HttpStatusCode.NotFound),
            ("/api/papers/not-an-id/authorship", new { authorIndex = 0 }, HttpStatusCode.BadRequest),
        };
        foreach (var (url, body, status) in cases)
        {
            using var response = await ada.SendAsync(HttpMethod.Post, url, body);
            Assert.True(status == response.StatusCode, $"{url} {System.Text.Json.JsonSerializer.Serialize(body)}: {response.StatusCode}, expected {status}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using (var anonymous = await TestUser.SendAnonymousAsync(app, HttpMethod.Post, "/api/papers/2605.00001/authorship", new { authorIndex = 1 }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        Assert.Equal(2, await app.QueryAsync(db => db.AuthorshipClaims.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_admins_verify_or_reject_claims_and_one_user_is_verified_per_author_entry(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var eve = await TestUser.CreateAsync(app, "eve", Roles.Moderator);
        var admin = await TestUser.CreateAsync(app, "root", Roles.Admin);
        var adaClaim = await ClaimAsync(ada, 2);
        var eveClaim = await ClaimAsync(eve, 2);

        foreach (var action in (string[])["verify", "reject"])
        {
            using var response = await eve.SendAsync(HttpMethod.Post, $"/api/authorship/{adaClaim}/{action}");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using (var page = await (await eve.SignInAsync()).GetAsync("/admin/claims"))
        {
            Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain("Grace Hopper", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.All(await app.QueryAsync(db => db.AuthorshipClaims.ToListAsync()), c => Assert.Equal(ClaimStatus.Pending, c.Status));

        using (var verified = await admin.SendAsync(HttpMethod.Post, $"/api/authorship/{eveClaim}/verify"))
        {
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            Assert.Equal("verified", (await CollectionApiTests.ReadAsync(verified)).GetProperty("status").GetString());
        }

        using (var second = await admin.SendAsync(HttpMethod.Post, $"/api/authorship/{adaClaim}/verify"))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        }

        var late = await TestUser.CreateAsync(app, "late");
        using (var lateClaim = await late.SendAsync(HttpMethod.Post, "/api/papers/2605.00001/authorship", new { authorIndex = 2 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, lateClaim.StatusCode);
        }

        using (var rejected = await admin.SendAsync(HttpMethod.Post, $"/api/authorship/{adaClaim}/reject"))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        using (var unknown = await admin.SendAsync(HttpMethod.Post, "/api/authorship/999999/verify"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var claims = await app.QueryAsync(db => db.AuthorshipClaims.OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([ClaimStatus.Rejected, ClaimStatus.Verified], claims.Select(c => c.Status));
        Assert.All(claims, c => Assert.Equal("root", c.DecidedBy));
        Assert.Contains("title=\"Verified author: eve\"", await app.Client.GetStringAsync("/papers/2605.00001", TestContext.Current.CancellationToken));
    }

    private static async Task<long> ClaimAsync(TestUser user, int authorIndex)
    {
        using var response = await user.SendAsync(HttpMethod.Post, "/api/papers/2605.00001/authorship", new { authorIndex });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await CollectionApiTests.ReadAsync(response)).GetProperty("id").GetInt64();
    }
}
