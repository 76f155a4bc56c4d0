using System.Net;

namespace Paperwire.Tests.Accounts;

/// <summary>A form posted without its antiforgery token, or with someone else's, is refused and changes nothing.</summary>
public class AntiforgeryTests
{
    [Fact]
    public async Task AccountPosts_WithoutTheToken_Get400_AndChangeNothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        var mailBefore = Mailbox.Of(app).Messages().Count;
        using var forger = new BrowserSession(app);
        await forger.GetAsync("/account/signin"); // has the antiforgery cookie, but posts no token

        var signIn = await forger.PostAsync("/account/signin", Fields(("Form.Login", "ada"), ("Form.Password", AccountSteps.Password)));
        var signUp = await forger.PostAsync("/account/signup", Fields(("Form.UserName", "eve"), ("Form.Email", "eve@example.org"), ("Form.Password", AccountSteps.Password)));
        var forgot = await forger.PostAsync("/account/forgot-password", Fields(("Email", "ada@example.org")));

        foreach (var page in new[] { signIn, signUp, forgot })
        {
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.False(page.SetsAuthCookie());
        }

        Assert.True((await forger.GetAsync("/")).IsSignedOut());
        Assert.Equal(1, await app.UserCountAsync());
        Assert.Equal(mailBefore, Mailbox.Of(app).Messages().Count);
    }

    [Fact]
    public async Task SignOut_WithoutTheToken_Gets400_AndLeavesTheUserSignedIn()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var ada = new BrowserSession(app);
        await ada.SignInAsync("ada");

        var signOut = await ada.PostAsync("/account/signout", []);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.Status);
        Assert.True((await ada.GetAsync("/")).IsSignedInAs("ada"));
    }

    [Fact]
    public async Task Posts_WithATokenFromAnotherSession_Get400_AndChangeNothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        await AccountSteps.CreateConfirmedAsync(app, "mallory", "mallory@example.org");
        using var mallory = new BrowserSession(app);
        var mallorysAnonymousToken = (await mallory.GetAsync("/account/signup")).AntiforgeryToken;
        await mallory.SignInAsync("mallory");
        var mallorysSignedInToken = (await mallory.GetAsync("/account/signout")).AntiforgeryToken;

        // Ada, signed in, is lured into posting forms that carry Mallory's tokens with Ada's cookies.
        using var ada = new BrowserSession(app);
        await ada.SignInAsync("ada");
        foreach (var token in new[] { mallorysAnonymousToken, mallorysSignedInToken })
        {
            var signOut = await ada.PostAsync("/account/signout", Fields((WebPage.AntiforgeryField, token)));
            Assert.Equal(HttpStatusCode.BadRequest, signOut.Status);
        }

        Assert.True((await ada.GetAsync("/")).IsSignedInAs("ada"));

        using var visitor = new BrowserSession(app);
        await visitor.GetAsync("/account/signup");
        var signUp = await visitor.PostAsync("/account/signup", Fields(
            (WebPage.AntiforgeryField, mallorysAnonymousToken), ("Form.UserName", "eve"), ("Form.Email", "eve@example.org"), ("Form.Password", AccountSteps.Password)));
        var signIn = await visitor.PostAsync("/account/signin", Fields(
            (WebPage.AntiforgeryField, mallorysAnonymousToken), ("Form.Login", "mallory"), ("Form.Password", AccountSteps.Password)));

        Assert.Equal(HttpStatusCode.BadRequest, signUp.Status);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.Status);
        Assert.False(signIn.SetsAuthCookie());
        Assert.Equal(2, await app.UserCountAsync());
        Assert.Empty(Mailbox.Of(app).To("eve@example.org"));
    }

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);
}
