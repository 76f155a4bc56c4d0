using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Tests.Accounts;

/// <summary>Every way of failing to sign in reads the same, and repeated failures lock the account.</summary>
public class SignInTests
{
    private const string Failure = "Wrong email or password, the address is not confirmed yet, or there were too many attempts. Try again in a few minutes, or reset your password.";

    [Fact]
    public async Task SignIn_BeforeConfirming_FailsWithTheGenericMessage_ThenWorksOnceConfirmed()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var ada = new BrowserSession(app);
        await ada.SignUpAsync("ada", "ada@example.org");

        foreach (var login in new[] { "ada", "ada@example.org" })
        {
            var refused = await ada.SignInAsync(login);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Equal(Failure, refused.FormErrors());
            Assert.False(refused.SetsAuthCookie());
        }

        Assert.True((await ada.GetAsync("/")).IsSignedOut());
        await ada.ConfirmAsync(app, "ada@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await ada.SignInAsync("ada")).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignIn_Failures_AllReadTheSame_AndFiveWrongPasswordsLockTheAccount(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using (var owner = new BrowserSession(app))
        {
            await owner.SignUpAsync("unconfirmed", "unconfirmed@example.org");
        }

        // Separate visitors, so that the per-address rate limit (10 posts a minute) stays out of the way.
        using var prober = new BrowserSession(app);
        var unknownName = await prober.SignInAsync("nobody");
        var unknownEmail = await prober.SignInAsync("nobody@example.org");
        var unconfirmed = await prober.SignInAsync("unconfirmed");
        using var guesser = new BrowserSession(app);
        var wrongPasswords = new List<WebPage>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            wrongPasswords.Add(await guesser.SignInAsync("ada", $"wrong password {attempt}"));
        }

        using var ada = new BrowserSession(app);
        var lockedOut = await ada.SignInAsync("ada");

        foreach (var page in new[] { unknownName, unknownEmail, unconfirmed, lockedOut }.Concat(wrongPasswords))
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(Failure, page.FormErrors());
            Assert.False(page.SetsAuthCookie());
        }

        Assert.True((await ada.GetAsync("/")).IsSignedOut());
        Assert.True((await ada.SignInAsync("ada@example.org")).FormErrors() == Failure, "still locked out by email");
        var lockoutEnd = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "ada").Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
    }

    [Fact]
    public async Task SignIn_AfterFourWrongPasswords_StillWorks_AndStartsTheCountAfresh()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var ada = new BrowserSession(app);

        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.Equal(Failure, (await ada.SignInAsync("ada", "typo typo typo")).FormErrors());
        }

        Assert.Equal(HttpStatusCode.Redirect, (await ada.SignInAsync("ada")).Status);
        Assert.Equal(0, await app.QueryAsync(db => db.Users.Where(u => u.UserName == "ada").Select(u => u.AccessFailedCount).SingleAsync()));
    }
}
