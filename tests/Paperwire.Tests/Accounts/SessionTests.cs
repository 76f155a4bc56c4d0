using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Paperwire.Tests.Accounts;

/// <summary>
/// A session ends when its owner says so: a sign-in cookie copied before sign-out, before a password reset or
/// before "sign out everywhere" signs nobody in afterwards.
/// </summary>
public class SessionTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_cookie_copied_before_sign_out_no_longer_signs_in(Paperwire.Storage.DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var ada = new BrowserSession(app);
        await ada.SignInAsync("ada");
        using var thief = CopyOf(ada, app);
        Assert.True((await thief.GetAsync("/")).IsSignedInAs("ada"), "the copy works while the session lives");

        await ada.SignOutAsync();

        Assert.True((await thief.GetAsync("/")).IsSignedOut());
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/account/tokens")).Status);
        Assert.Equal(0, await app.QueryAsync(db => db.UserSessions.CountAsync()));
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_of_the_account()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var laptop = new BrowserSession(app);
        await laptop.SignInAsync("ada");
        using var thief = CopyOf(laptop, app);

        using var phone = new BrowserSession(app);
        await phone.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "ada@example.org" });
        var form = await phone.GetAsync(Mailbox.LinkIn(Mailbox.Of(app).Message("ada@example.org", "Reset your Paperwire password")));
        Assert.Contains("Your password is changed.", (await phone.SubmitAsync(form, new Dictionary<string, string> { ["Password"] = "a brand new passphrase" })).Text);

        Assert.True((await laptop.GetAsync("/")).IsSignedOut());
        Assert.True((await thief.GetAsync("/")).IsSignedOut());
        Assert.Equal(HttpStatusCode.Redirect, (await phone.SignInAsync("ada", "a brand new passphrase")).Status);
        Assert.True((await phone.GetAsync("/")).IsSignedInAs("ada"));
    }

    [Fact]
    public async Task Can_see_signed_in_browsers_and_sign_out_everywhere()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        await AccountSteps.CreateConfirmedAsync(app, "bob", "bob@example.org");
        using var laptop = new BrowserSession(app);
        laptop.Headers.UserAgent.ParseAdd("LaptopBrowser/1.0");
        await laptop.SignInAsync("ada");
        using var phone = new BrowserSession(app);
        phone.Headers.UserAgent.ParseAdd("PhoneBrowser/2.0");
        await phone.SignInAsync("ada");
        using var bob = new BrowserSession(app);
        await bob.SignInAsync("bob");

        var list = await laptop.GetAsync("/account/sessions");
        Assert.Contains("LaptopBrowser/1.0", list.Text);
        Assert.Contains("PhoneBrowser/2.0", list.Text);

        var ended = await laptop.SubmitAsync(list, new Dictionary<string, string>(), action: "/account/sessions?handler=EndAll");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);

        Assert.True((await phone.GetAsync("/")).IsSignedOut());
        Assert.True((await laptop.GetAsync("/")).IsSignedOut());
        Assert.True((await bob.GetAsync("/")).IsSignedInAs("bob"), "another user's session is untouched");
        Assert.Equal(HttpStatusCode.Redirect, (await phone.SignInAsync("ada")).Status); // the password still works
    }

    /// <summary>A second browser holding a copy of the first one's cookies.</summary>
    private static BrowserSession CopyOf(BrowserSession original, TestApp app)
    {
        var copy = new BrowserSession(app);
        copy.Cookies.Add(original.Cookies.GetCookies(app.BaseAddress));
        return copy;
    }
}
