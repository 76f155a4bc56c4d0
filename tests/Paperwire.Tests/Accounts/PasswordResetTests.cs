using System.Net;
using System.Text.RegularExpressions;
using Paperwire.Storage;

namespace Paperwire.Tests.Accounts;

/// <summary>Forgot password: the same answer for every address, mail only to a confirmed one, links that work once.</summary>
public partial class PasswordResetTests
{
    private const string NewPassword = "a brand new passphrase";
    private const string BadLink = "This reset link is invalid or has expired. Ask for a new one.";

    [Fact]
    public async Task ForgotPassword_AnswersTheSameForAnyAddress_AndMailsEachAddressOnce_AResetLinkOnlyToAConfirmedAccount()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using (var owner = new BrowserSession(app))
        {
            await owner.SignUpAsync("bob", "bob@example.org");
        }

        var mailBefore = Mailbox.Of(app).Messages().Count;
        using var browser = new BrowserSession(app);
        var answers = new List<string>();
        foreach (var email in new[] { "nobody@example.org", "bob@example.org", "ada@example.org" })
        {
            var page = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
            Assert.Equal(HttpStatusCode.OK, page.Status);
            answers.Add(MainContent().Match(page.Html).Value);
        }

        Assert.Contains("we sent it a link to choose a new password", answers[0]);
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        var mailbox = Mailbox.Of(app);
        // One mail per request whatever the address, so the answer takes as long for a stranger as for an owner.
        Assert.Equal(mailBefore + 3, mailbox.Messages().Count);
        Assert.Contains("/account/reset-password?", Mailbox.LinkIn(mailbox.Message("ada@example.org", "Reset your Paperwire password")));
        Assert.EndsWith("/account/signup", Mailbox.LinkIn(mailbox.Message("nobody@example.org", "Paperwire password reset")));
        Assert.DoesNotContain(mailbox.To("bob@example.org"), m => m.Subject!.Contains("Reset", StringComparison.Ordinal));
        Assert.Equal(2, mailbox.To("bob@example.org").Count(m => m.Subject!.Contains("Confirm", StringComparison.Ordinal))); // sign-up's, and a fresh one
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_reset_a_forgotten_password_with_the_link_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada+papers@example.org");
        using var ada = new BrowserSession(app);
        await ada.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "ada+papers@example.org" });
        var link = Mailbox.LinkIn(Mailbox.Of(app).Message("ada+papers@example.org", "Reset your Paperwire password"));

        var form = await ada.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var reset = await ada.SubmitAsync(form, new Dictionary<string, string> { ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Contains("Your password is changed.", reset.Text);

        using var later = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.OK, (await later.SignInAsync("ada+papers@example.org")).Status); // the old password: refused
        Assert.Equal(HttpStatusCode.Redirect, (await later.SignInAsync("ada+papers@example.org", NewPassword)).Status);

        using var replay = new BrowserSession(app);
        var reused = await replay.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "yet another passphrase" });
        Assert.Equal(BadLink, reused.FormErrors());
        Assert.DoesNotContain("Your password is changed.", reused.Text);
        using var afterReplay = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await afterReplay.SignInAsync("ada", NewPassword)).Status);
    }

    [Fact]
    public async Task ResetPassword_WithATamperedOrIncompleteLink_SaysTheLinkIsBad_AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        await AccountSteps.CreateConfirmedAsync(app, "mallory", "mallory@example.org");
        using var mallory = new BrowserSession(app);
        await mallory.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "mallory@example.org" });
        var link = Mailbox.LinkIn(Mailbox.Of(app).Message("mallory@example.org", "Reset your Paperwire password"));
        var code = Regex.Match(link, "code=([^&]+)").Groups[1].Value;

        string[] tampered =
        [
            link.Replace("email=mallory%40example.org", "email=ada%40example.org", StringComparison.Ordinal), // someone else's account
            link.Replace(code, code[..^4] + (code[^4..] == "AAAA" ? "BBBB" : "AAAA"), StringComparison.Ordinal), // a changed code
            link.Replace(code, "not*base64!", StringComparison.Ordinal), // a code that does not decode
        ];
        foreach (var url in tampered)
        {
            Assert.NotEqual(link, url);
            var page = await mallory.SubmitAsync(url, new Dictionary<string, string> { ["Password"] = NewPassword });
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(BadLink, page.FormErrors());
        }

        foreach (var url in new[] { "/account/reset-password", "/account/reset-password?email=ada%40example.org", "/account/reset-password?code=abc" })
        {
            var page = await mallory.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("This reset link is incomplete. Use the whole link from the email.", page.Text);
        }

        using var check = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await check.SignInAsync("ada")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await check.SignInAsync("mallory")).Status);
    }

    [GeneratedRegex("<main[ >].*</main>", RegexOptions.Singleline)]
    private static partial Regex MainContent();
}
