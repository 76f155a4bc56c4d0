using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Tests.Accounts;

/// <summary>Sign up, confirm by mail, sign in and out, on either database; and what sign-up refuses.</summary>
public class SignUpTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_sign_up_confirm_by_mail_sign_in_see_the_profile_sign_out_and_back_in_by_email(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        using var browser = new BrowserSession(app);
        Assert.True((await browser.GetAsync("/")).IsSignedOut()); // also puts the anonymous home page in the output cache

        var signedUp = await browser.SignUpAsync("ada", "ada@example.org");
        Assert.Equal(HttpStatusCode.Redirect, signedUp.Status);
        Assert.Equal("/account/check-email", signedUp.Location!.AbsolutePath);
        Assert.Contains("Check your email", (await browser.GetAsync(signedUp.Location.PathAndQuery)).Text);

        var mail = Mailbox.Of(app).Message("ada@example.org", "Confirm your Paperwire account");
        Assert.Contains("Hello ada,", mail.TextBody);
        Assert.Contains("http://localhost:5080/account/confirm?userId=", mail.TextBody); // a whole link on the public address (the default)
        Assert.Contains("Address confirmed", (await browser.ConfirmAsync(app, "ada@example.org")).Text);

        var signedIn = await browser.SignInAsync("ada");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/", signedIn.Location!.AbsolutePath);
        Assert.True((await browser.GetAsync("/")).IsSignedInAs("ada"), "the header names the signed-in user");
        Assert.True((await browser.GetAsync("/account/signin")).IsSignedInAs("ada"));

        var profile = await browser.GetAsync("/u/ada");
        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains("<h1>ada</h1>", profile.Html);
        Assert.Contains($"""Joined <time datetime="{TestApp.Now:yyyy-MM-dd}">""", profile.Html);

        var signedOut = await browser.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal("/", signedOut.Location!.AbsolutePath);
        Assert.True((await browser.GetAsync("/")).IsSignedOut(), "the header offers 'Sign in' again");
        Assert.True((await browser.GetAsync("/u/ada")).IsSignedOut());

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("Ada@Example.ORG")).Status);
        Assert.True((await browser.GetAsync("/")).IsSignedInAs("ada"), "signed in again, by email address in another case");
    }

    [Fact]
    public async Task SignUp_WithAnAddressThatHasAnAccount_LooksTheSame_AndMailsTheOwnerInstead()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var owner = new BrowserSession(app);
        var first = await owner.SignUpAsync("ada", "ada@example.org");

        using var stranger = new BrowserSession(app);
        var second = await stranger.SignUpAsync("notada", "ADA@example.org", "another long password");

        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal("/account/check-email", second.Location!.AbsolutePath);
        var mail = Mailbox.Of(app).To("ada@example.org");
        Assert.Equal(2, mail.Count);
        Assert.Contains(mail, m => m.Subject == "Confirm your Paperwire account");
        var already = Assert.Single(mail, m => m.Subject == "You already have a Paperwire account");
        Assert.EndsWith("/account/signin", Mailbox.LinkIn(already));
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "ADA@EXAMPLE.ORG")));
        Assert.Null(await app.QueryAsync(db => db.Users.SingleOrDefaultAsync(u => u.UserName == "notada")));
    }

    [Fact]
    public async Task SignUp_WithATakenUserName_SaysSo_AndCreatesNothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var browser = new BrowserSession(app);

        foreach (var name in new[] { "ada", "ADA" })
        {
            var page = await browser.SignUpAsync(name, "someone.else@example.org");

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("That user name is taken.", page.Text);
        }

        Assert.Equal(1, await app.UserCountAsync());
        Assert.Empty(Mailbox.Of(app).To("someone.else@example.org"));
    }

    [Fact]
    public async Task SignUp_WithAnInvalidUserNameOrShortPassword_ShowsWhy_AndCreatesNothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var browser = new BrowserSession(app);
        const string NameRule = "A user name is 1–40 letters, digits, '-', '_' or '.', starting with a letter or digit.";

        foreach (var name in new[] { "ada lovelace", "<script>alert(1)</script>", "-ada", "ada/../admin" })
        {
            var page = await browser.SignUpAsync(name, "ada@example.org");

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(NameRule, page.FieldError("Form.UserName"));
            Assert.DoesNotContain("<script>", page.Html);
        }

        var tooLong = await browser.SignUpAsync(new string('a', 41), "ada@example.org");
        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        Assert.Contains("40", tooLong.FieldError("Form.UserName"));

        var shortPassword = await browser.SignUpAsync("ada", "ada@example.org", "nine char");
        Assert.Equal(HttpStatusCode.OK, shortPassword.Status);
        Assert.Equal("A password needs at least 10 characters.", shortPassword.FieldError("Form.Password"));

        Assert.Equal(0, await app.UserCountAsync());
        Assert.Empty(Mailbox.Of(app).Messages());
    }

    [Fact]
    public async Task SignUp_WithAnAddressMailCannotReach_ShowsWhy_AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var browser = new BrowserSession(app);

        foreach (var email in new[] { "a..b@example.org", ".a@example.org", "a@b..org", "a b@example.org", "a;b@example.org", "ada@example.org\r\nBcc: x@example.org" })
        {
            var page = await browser.SignUpAsync("ada", email);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal("Enter one email address, like ann@example.org.", page.FieldError("Form.Email"));
        }

        Assert.Equal(0, await app.UserCountAsync());
        Assert.Empty(Mailbox.Of(app).Messages());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignUpAsync("ada", "ada@example.org")).Status); // the name was never taken
    }
}
