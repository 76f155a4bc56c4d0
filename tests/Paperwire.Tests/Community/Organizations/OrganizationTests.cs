using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Storage;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Community.Organizations;

/// <summary>Organizations: admins create, edit and staff them; papers are linked by admins or by member-submitters.</summary>
public class OrganizationTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Admin_creates_and_edits_organizations_and_manages_members(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var admin = await TestUser.CreateAsync(app, "root", Roles.Admin);
        await TestUser.CreateAsync(app, "ada");

        using (var created = await admin.SendAsync(HttpMethod.Post, "/api/organizations", new { name = "acme-lab", fullName = "ACME Research", avatarUrl = "https://example.org/acme.png" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/orgs/acme-lab", created.Headers.Location?.OriginalString);
        }

        var cases = new (HttpMethod Method, string Url, object? Body, HttpStatusCode Status)[]
        {
            (HttpMethod.Post, "/api/organizations", new { name = "acme-lab", fullName = "Again" }, HttpStatusCode.Conflict),
            (HttpMethod.Post, "/api/organizations", new { name = "plain", fullName = "Plain", avatarUrl = "http://example.org/a.png" }, HttpStatusCode.BadRequest),
            (HttpMethod.Post, "/api/organizations", new { name = "js", fullName = "JS", avatarUrl = "javascript:alert(1)" }, HttpStatusCode.BadRequest),
            (HttpMethod.Post, "/api/organizations", new { name = "bad name!", fullName = "Bad" }, HttpStatusCode.BadRequest),
            (HttpMethod.Post, "/api/organizations", new { name = "nofull", fullName = "" }, HttpStatusCode.BadRequest),
            (HttpMethod.Put, "/api/organizations/nobody", new { fullName = "Nobody" }, HttpStatusCode.NotFound),
            (HttpMethod.Post, "/api/organizations/acme-lab/members/ghost", null, HttpStatusCode.NotFound),
            (HttpMethod.Post, "/api/organizations/nobody/members/ada", null, HttpStatusCode.NotFound),
            (HttpMethod.Post, "/api/organizations/acme-lab/members/ada", null, HttpStatusCode.NoContent),
            (HttpMethod.Post, "/api/organizations/acme-lab/members/ada", null, HttpStatusCode.Conflict),
            (HttpMethod.Put, "/api/organizations/acme-lab", new { fullName = "ACME Labs" }, HttpStatusCode.OK),
        };
        foreach (var (method, url, body, status) in cases)
        {
            using var response = await admin.SendAsync(method, url, body);
            Assert.True(status == response.StatusCode, $"{method} {url}: {response.StatusCode}, expected {status}");
        }

        var organization = await app.QueryAsync(db => db.Organizations.SingleAsync());
        Assert.Equal(("ACME Labs", (string?)null), (organization.FullName, organization.AvatarUrl));
        Assert.Equal(1, await app.QueryAsync(db => db.OrganizationMembers.CountAsync()));
        Assert.Contains("ACME Labs", await (await admin.SignInAsync()).GetStringAsync("/admin/organizations"));

        using (var removed = await admin.SendAsync(HttpMethod.Delete, "/api/organizations/acme-lab/members/ada"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var again = await admin.SendAsync(HttpMethod.Delete, "/api/organizations/acme-lab/members/ada"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.OrganizationMembers.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_user_who_is_not_admin_cannot_create_edit_or_staff_organizations(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var admin = await TestUser.CreateAsync(app, "root", Roles.Admin);
        var curator = await TestUser.CreateAsync(app, "cura", Roles.Curator);
        using (var created = await admin.SendAsync(HttpMethod.Post, "/api/organizations", new { name = "acme", fullName = "ACME" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var attempts = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, "/api/organizations", new { name = "mine", fullName = "Mine" }),
            (HttpMethod.Put, "/api/organizations/acme", new { fullName = "Pwned" }),
            (HttpMethod.Post, "/api/organizations/acme/members/cura", null),
            (HttpMethod.Delete, "/api/organizations/acme/members/cura", null),
            (HttpMethod.Put, "/api/papers/2605.00001/organization", new { name = "acme" }),
        };
        foreach (var (method, url, body) in attempts)
        {
            using var response = await curator.SendAsync(method, url, body);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {url}: {response.StatusCode}");
            using var anonymous = await TestUser.SendAnonymousAsync(app, method, url, body);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var page = await (await curator.SignInAsync()).GetAsync("/admin/organizations"))
        {
            Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Equal(["ACME"], await app.QueryAsync(db => db.Organizations.Select(o => o.FullName).ToListAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.OrganizationMembers.CountAsync()));
        Assert.Null(await app.QueryAsync(db => db.Papers.Where(p => p.Id == "2605.00001").Select(p => p.OrganizationName).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Papers_are_linked_by_admins_or_by_members_for_papers_they_submitted(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(
            provider,
            PaperFactory.InFeed("2605.00011", CommunityApp.FeedDay, title: "Submitted by ada", submittedBy: "ada", authors: ["A"]),
            PaperFactory.InFeed("2605.00012", CommunityApp.FeedDay, title: "Submitted by bob", submittedBy: "bob", authors: ["B"]),
            PaperFactory.InCatalog("hep-th/9901002", new DateOnly(1999, 1, 5), title: "Old", authors: ["C"]));
        var admin = await TestUser.CreateAsync(app, "root", Roles.Admin);
        var ada = await TestUser.CreateAsync(app, "ada");
        await TestUser.CreateAsync(app, "bob");
        foreach (var (name, full) in ((string, string)[])[("acme", "ACME Research"), ("other", "Other Org")])
        {
            using var created = await admin.SendAsync(HttpMethod.Post, "/api/organizations", new { name, fullName = full });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var member = await admin.SendAsync(HttpMethod.Post, "/api/organizations/acme/members/ada"))
        {
            Assert.Equal(HttpStatusCode.NoContent, member.StatusCode);
        }

        var cases = new (TestUser User, string Url, string? Name, HttpStatusCode Status)[]
        {
            (ada, "/api/papers/2605.00012/organization", "acme", HttpStatusCode.Forbidden),
            (ada, "/api/papers/2605.00011/organization", "other", HttpStatusCode.Forbidden),
            (ada, "/api/papers/2605.00011/organization", "nobody", HttpStatusCode.NotFound),
            (ada, "/api/papers/2605.99999/organization", "acme", HttpStatusCode.NotFound),
            (ada, "/api/papers/bad id/organization", "acme", HttpStatusCode.BadRequest),
            (ada, "/api/papers/2605.00011/organization", "acme", HttpStatusCode.OK),
            (admin, "/api/papers/hep-th/9901002/organization", "other", HttpStatusCode.OK),
            (admin, "/api/papers/2605.00012/organization", "other", HttpStatusCode.OK),
            (ada, "/api/papers/2605.00012/organization", null, HttpStatusCode.Forbidden),
        };
        foreach (var (user, url, name, status) in cases)
        {
            using var response = await user.SendAsync(HttpMethod.Put, url, new { name });
            Assert.True(status == response.StatusCode, $"{user.Name} {url} {name}: {response.StatusCode}, expected {status}");
        }

        var linked = await app.QueryAsync(db => db.Papers.OrderBy(p => p.Id).Select(p => p.Id + "=" + p.OrganizationName).ToListAsync());
        Assert.Equal(["2605.00011=acme", "2605.00012=other", "hep-th/9901002=other"], linked);

        using var api = await app.Client.GetAsync("/api/papers/2605.00011", TestContext.Current.CancellationToken);
        var paper = await CollectionApiTests.ReadAsync(api);
        Assert.Equal("acme", paper.GetProperty("organization").GetProperty("name").GetString());
        Assert.Contains("Submitted by ada", await app.Client.GetStringAsync("/orgs/acme", TestContext.Current.CancellationToken));

        using (var unlinked = await ada.SendAsync(HttpMethod.Put, "/api/papers/2605.00011/organization", new { name = (string?)null }))
        {
            Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        }

        Assert.Null(await app.QueryAsync(db => db.Papers.Where(p => p.Id == "2605.00011").Select(p => p.OrganizationName).SingleAsync()));
    }

    [Fact]
    public async Task Admin_can_create_staff_and_link_through_the_admin_page()
    {
        await using var app = await CommunityApp.StartAsync(DatabaseProvider.Sqlite);
        var admin = await (await TestUser.CreateAsync(app, "root", Roles.Admin)).SignInAsync();
        await TestUser.CreateAsync(app, "ada");
        var steps = new (string Handler, Dictionary<string, string> Fields)[]
        {
            ("Save", new() { ["create"] = "true", ["name"] = "acme", ["fullName"] = "ACME <b>Research</b>", ["avatarUrl"] = "https://example.org/a.png" }),
            ("Member", new() { ["name"] = "acme", ["userName"] = "ada" }),
            ("Link", new() { ["paper"] = "2605.00003", ["name"] = "acme" }),
        };
        foreach (var (handler, fields) in steps)
        {
            using var response = await admin.SubmitAsync("/admin/organizations", $"/admin/organizations?handler={handler}", fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {response.StatusCode}");
        }

        using (var invalid = await admin.SubmitAsync("/admin/organizations", "/admin/organizations?handler=Save", new() { ["create"] = "true", ["name"] = "evil", ["fullName"] = "Evil", ["avatarUrl"] = "javascript:alert(1)" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        var page = await admin.GetStringAsync("/admin/organizations");
        Assert.Contains("ACME &lt;b&gt;Research&lt;/b&gt;", page);
        Assert.Contains("href=\"/u/ada\"", page);
        Assert.Contains("Curating the daily feed", await app.Client.GetStringAsync("/orgs/acme", TestContext.Current.CancellationToken));
        Assert.Equal(["acme"], await app.QueryAsync(db => db.Organizations.Select(o => o.Name).ToListAsync()));

        using var anonymous = await app.Client.GetAsync("/admin/organizations", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/signin", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
