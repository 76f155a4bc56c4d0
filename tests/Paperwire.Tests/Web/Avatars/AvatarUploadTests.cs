using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Web.Avatars;

/// <summary>
/// Members upload their own picture and organization admins their organization's logo; cards, profile and
/// organization pages and the API show them, served from this site. Anything but a real PNG, JPEG or WebP is refused.
/// </summary>
public class AvatarUploadTests
{
    private const string Day = "/papers/date/2026-05-28";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<TestApp> StartAsync(DatabaseProvider provider) => CommunityApp.StartAsync(
        provider,
        PaperFactory.InFeed("2605.00001", CommunityApp.FeedDay, title: "Attention is all we collect", submittedBy: "ada",
            organization: new Organization { Name = "acme", FullName = "ACME Research" }, authors: ["Grace Hopper", "Ada Lovelace", "Alan Turing", "Barbara Liskov"]));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_member_uploads_a_picture_that_shows_on_cards_and_in_the_api(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        await app.QueryAsync(async db =>
        {
            db.AuthorshipClaims.Add(new AuthorshipClaim { PaperId = "2605.00001", AuthorIndex = 1, UserId = ada.Id, UserName = "ada", Status = ClaimStatus.Verified, CreatedAt = TestApp.Now });
            return await db.SaveChangesAsync(Cancel);
        });

        var before = await app.Client.GetStringAsync(Day, Cancel);
        Assert.Contains("/avatars/initials.svg?name=Ada%20Lovelace&amp;v=1", before);
        Assert.Contains("4 authors", before);
        using (var initials = await app.Client.GetAsync("/avatars/users/ada", Cancel))
        {
            Assert.Equal(HttpStatusCode.Redirect, initials.StatusCode);
            Assert.Equal("/avatars/initials.svg?name=ada&v=1", initials.Headers.Location?.OriginalString);
        }

        using var browser = await ada.SignInAsync();
        var png = TestImages.Png(96, 96);
        using (var uploaded = await browser.UploadAsync("/account/avatar", "/account/avatar?handler=Upload", "image", png, "me.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        Assert.Contains("Your picture is saved.", await browser.GetStringAsync("/account/avatar?saved=true"));
        var version = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "ada").Select(u => u.AvatarVersion).SingleAsync());
        Assert.NotNull(version);
        var picture = $"/avatars/users/ada?v={version}";

        // Anonymous readers see it at once: on the card as the verified author and as the submitter, and on the profile.
        var card = await app.Client.GetStringAsync(Day, Cancel);
        Assert.Contains($"src=\"{picture}\"", card);
        Assert.DoesNotContain("name=Ada%20Lovelace", card);
        Assert.Contains("name=Grace%20Hopper", card);
        Assert.Contains("submitted by <a href=\"/u/ada\">ada</a>", card);
        Assert.Contains($"src=\"{picture}\"", await app.Client.GetStringAsync("/u/ada", Cancel));

        using (var served = await app.Client.GetAsync(picture, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await served.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("immutable", served.Headers.CacheControl?.ToString());
        }

        using var api = JsonDocument.Parse(await app.Client.GetStringAsync("/api/daily_papers?date=2026-05-28", Cancel));
        var item = api.RootElement[0];
        Assert.Equal("/avatars/users/ada", item.GetProperty("submittedBy").GetProperty("avatarUrl").GetString());
        Assert.Equal("/avatars/initials.svg?name=ACME%20Research&v=1", item.GetProperty("organization").GetProperty("avatarUrl").GetString());
        using (var stable = await app.Client.GetAsync("/avatars/users/ada", Cancel))
        {
            Assert.Equal(png, await stable.Content.ReadAsByteArrayAsync(Cancel));
            Assert.DoesNotContain("immutable", stable.Headers.CacheControl?.ToString());
        }

        using (var removed = await browser.SubmitAsync("/account/avatar", "/account/avatar?handler=Remove", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Images.CountAsync()));
        Assert.Contains("name=Ada%20Lovelace", await app.Client.GetStringAsync(Day, Cancel));
    }

    public static TheoryData<DatabaseProvider, string, byte[], string, string> Refused
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string, byte[], string, string>();
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                data.Add(provider, "evil.svg", TestImages.Text("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "image/svg+xml", "Only PNG, JPEG or WebP");
                data.Add(provider, "page.html", TestImages.Text("<html><script>alert(1)</script></html>"), "text/html", "Only PNG, JPEG or WebP");
                data.Add(provider, "notes.png", TestImages.Text("these are notes, renamed"), "image/png", "Only PNG, JPEG or WebP");
                data.Add(provider, "junk.jpg", [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 31))], "image/jpeg", "Only PNG, JPEG or WebP");
                data.Add(provider, "huge.png", TestImages.Png(1200, 1200, 1, 2, 3).Concat(new byte[300 * 1024]).ToArray(), "image/png", "larger than 256 KB");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_not_a_small_png_jpeg_or_webp_is_refused_and_nothing_is_stored(
        DatabaseProvider provider, string fileName, byte[] bytes, string contentType, string message)
    {
        await using var app = await StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        using var browser = await ada.SignInAsync();

        using var response = await browser.UploadAsync("/account/avatar", "/account/avatar?handler=Upload", "image", bytes, fileName, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains(message, page);
        Assert.Contains("role=\"alert\"", page);
        Assert.Equal(0, await app.QueryAsync(db => db.Images.CountAsync()));
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.Id == ada.Id).Select(u => u.AvatarVersion).SingleAsync()));
    }

    [Fact]
    public async Task Uploads_need_sign_in_and_the_antiforgery_token()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        var ada = await TestUser.CreateAsync(app, "ada");

        using (var anonymousPage = await app.Client.GetAsync("/account/avatar", Cancel))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
            Assert.StartsWith("/account/signin", anonymousPage.Headers.Location?.PathAndQuery);
        }

        using var anonymous = new TestUser.Browser(app);
        using (var refused = await anonymous.UploadAsync(null, "/account/avatar?handler=Upload", "image", TestImages.Png(32, 32), "a.png", "image/png"))
        {
            Assert.True(refused.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, refused.StatusCode.ToString());
        }

        using var browser = await ada.SignInAsync();
        using (var forged = await browser.UploadAsync(null, "/account/avatar?handler=Upload", "image", TestImages.Png(32, 32), "a.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var forgedLogo = await browser.UploadAsync(null, "/orgs/acme/logo?handler=Upload", "image", TestImages.Png(32, 32), "a.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forgedLogo.StatusCode);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Images.CountAsync()));
    }

    [Fact]
    public async Task Uploads_are_rate_limited_per_user()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        using var browser = await (await TestUser.CreateAsync(app, "ada")).SignInAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await browser.UploadAsync("/account/avatar", "/account/avatar?handler=Upload", "image", TestImages.Png(32 + i, 32), "me.png", "image/png");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, 10), HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_organization_admin_uploads_its_logo_and_a_plain_member_cannot(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var root = await (await TestUser.CreateAsync(app, "root", Roles.Admin)).SignInAsync();
        var ada = await TestUser.CreateAsync(app, "ada");
        using (var member = await root.SubmitAsync("/admin/organizations", "/admin/organizations?handler=Member", new() { ["name"] = "acme", ["userName"] = "ada" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        }

        using var browser = await ada.SignInAsync();
        Assert.DoesNotContain("Change logo", await browser.GetStringAsync("/orgs/acme"));
        using (var page = await browser.GetAsync("/orgs/acme/logo"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("Only the admins of ACME Research can change its logo.", await page.Content.ReadAsStringAsync(Cancel));
        }

        using (var promoted = await root.SubmitAsync("/admin/organizations", "/admin/organizations?handler=Admin", new() { ["name"] = "acme", ["userName"] = "ada", ["admin"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        }

        Assert.Contains("(organization admin)", await root.GetStringAsync("/admin/organizations"));
        Assert.Contains("Change logo", await browser.GetStringAsync("/orgs/acme"));
        using (var refused = await browser.UploadAsync("/orgs/acme/logo", "/orgs/acme/logo?handler=Upload", "image", TestImages.Text("<svg/>"), "logo.svg", "image/svg+xml"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Only PNG, JPEG or WebP", await refused.Content.ReadAsStringAsync(Cancel));
        }

        var png = TestImages.Png(64, 64, 200, 30, 30);
        using (var uploaded = await browser.UploadAsync("/orgs/acme/logo", "/orgs/acme/logo?handler=Upload", "image", png, "logo.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var version = await app.QueryAsync(db => db.Organizations.Where(o => o.Name == "acme").Select(o => o.LogoVersion).SingleAsync());
        var logo = $"/avatars/orgs/acme?v={version}";
        Assert.Contains($"src=\"{logo}\"", await app.Client.GetStringAsync(Day, Cancel));
        Assert.Contains($"src=\"{logo}\"", await app.Client.GetStringAsync("/orgs/acme", Cancel));
        using (var api = JsonDocument.Parse(await app.Client.GetStringAsync("/api/papers/2605.00001", Cancel)))
        {
            Assert.Equal(logo, api.RootElement.GetProperty("organization").GetProperty("avatarUrl").GetString());
        }

        using (var served = await app.Client.GetAsync(logo, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await served.Content.ReadAsByteArrayAsync(Cancel));
        }

        // A site admin may change any organization's logo.
        using (var replaced = await root.UploadAsync("/orgs/acme/logo", "/orgs/acme/logo?handler=Upload", "image", TestImages.Jpeg(64, 64), "logo.jpg", "image/jpeg"))
        {
            Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        }

        Assert.Equal("image/jpeg", await app.QueryAsync(db => db.Images.Select(i => i.ContentType).SingleAsync()));
        using var unknown = await root.GetAsync("/orgs/nobody/logo");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Initials_avatars_are_svg_cached_for_good_and_revalidate_by_etag()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        using var response = await app.Client.GetAsync("/avatars/initials.svg?name=Ada%20Lovelace&v=1", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(">AL</text>", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/avatars/initials.svg?name=Ada%20Lovelace&v=1");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await app.Client.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var missing = await app.Client.GetAsync("/avatars/initials.svg", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var unknownUser = await app.Client.GetAsync("/avatars/users/nobody", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
    }
}
