using System.Net;
using Paperwire.Storage;

namespace Paperwire.Tests.Accounts;

/// <summary>Bugs found while testing accounts: the header sign-out, NUL bytes in links, an unreadable form on the error page.</summary>
public class AccountEdgeCaseTests
{
    [Fact]
    public async Task Can_sign_out_with_the_button_in_the_header()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var ada = new BrowserSession(app);
        await ada.SignInAsync("ada");

        var header = await ada.GetAsync("/");
        Assert.Contains(WebPage.AntiforgeryField, header.Form("/account/signout").HiddenInputs.Keys);
        var signedOut = await ada.SubmitAsync(header, new Dictionary<string, string>(), action: "/account/signout");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.True((await ada.GetAsync("/")).IsSignedOut());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AccountLinks_WithANulCharacter_Get400_NotA500(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        using var browser = new BrowserSession(app);

        var confirm = await browser.GetAsync("/account/confirm?userId=%00&code=Q2ZESjhBQUFB");
        var form = await browser.GetAsync("/account/reset-password?code=Q2ZESjhBQUFB&email=a%00b%40example.org");
        var reset = await browser.PostAsync("/account/reset-password?code=Q2ZESjhBQUFB&email=a%00b%40example.org", new Dictionary<string, string>
        {
            [WebPage.AntiforgeryField] = form.AntiforgeryToken,
            ["Password"] = "long enough password",
        });

        Assert.Equal(HttpStatusCode.BadRequest, confirm.Status);
        Assert.Contains("This confirmation link is invalid or has expired.", confirm.Text);
        Assert.True((int)reset.Status is 200 or 400, $"reset answered {(int)reset.Status}");
        Assert.Contains("This reset link is invalid or has expired.", reset.Text);
    }

    [Fact]
    public async Task A_form_the_server_cannot_read_gets_a_400_page_that_says_400()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var browser = new BrowserSession(app);

        var page = await browser.SignInAsync("ada\u0000");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("""<p class="status">400</p>""", page.Html);
    }
}
