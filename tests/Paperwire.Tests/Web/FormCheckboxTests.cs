using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Digests;
using Paperwire.Tests.Accounts;
using Paperwire.Tests.Digests;

namespace Paperwire.Tests.Web;

/// <summary>Checkboxes posted as browsers and scripts send them: the form works or is shown again, never a 500.</summary>
public class FormCheckboxTests
{
    [Theory]
    [InlineData("maybe")]
    [InlineData("true,false")]
    [InlineData("2147483648")]
    public async Task Sign_in_with_a_garbled_checkbox_shows_the_form_again(string rememberMe)
    {
        var page = await SignInAsync(rememberMe);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Keep me signed in", page.Text);
        Assert.Contains("is not valid for Keep me signed in", page.FieldError("Form.RememberMe")); // says what was wrong
        Assert.False(page.SetsAuthCookie());
    }

    [Theory]
    [InlineData("on")]
    [InlineData("ON")]
    [InlineData("1")]
    public async Task Sign_in_with_a_checkbox_sent_as_on_keeps_the_user_signed_in(string rememberMe)
    {
        var page = await SignInAsync(rememberMe);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains(page.SetCookies, c => c.StartsWith("paperwire.auth=", StringComparison.Ordinal) && c.Contains("expires=", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Signs ada in with the right password and <paramref name="rememberMe"/> as the checkbox's value.</summary>
    private static async Task<WebPage> SignInAsync(string rememberMe)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var browser = new BrowserSession(app);
        return await browser.SubmitAsync("/account/signin", new Dictionary<string, string>
        {
            ["Form.Login"] = "ada",
            ["Form.Password"] = AccountSteps.Password,
            ["Form.RememberMe"] = rememberMe,
        });
    }

    [Fact]
    public async Task Digest_preferences_with_a_garbled_checkbox_get_400_and_change_nothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var manage = await ManageUrlAsync(app, "reader@example.org");
        using var browser = new BrowserSession(app);

        foreach (var skipWeekends in new[] { "maybe", "true,false", "2" })
        {
            var page = await browser.SubmitAsync(manage, new Dictionary<string, string> { ["Form.SkipWeekends"] = skipWeekends, ["Form.PaperCount"] = "3" });
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("is not valid for SkipWeekends", page.Text);
        }

        Assert.Equal(Paperwire.Core.Digests.DigestSubscription.DefaultPaperCount, (await app.SubscriptionAsync("reader@example.org"))!.PaperCount);
    }

    [Fact]
    public async Task Digest_preferences_with_the_checkbox_sent_as_on_or_off_are_saved()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var manage = await ManageUrlAsync(app, "reader@example.org");
        using var browser = new BrowserSession(app);

        var off = await browser.SubmitAsync(manage, new Dictionary<string, string> { ["Form.SkipWeekends"] = "off" });
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.False((await app.SubscriptionAsync("reader@example.org"))!.SkipWeekends);

        var on = await browser.SubmitAsync(manage, new Dictionary<string, string> { ["Form.SkipWeekends"] = "on" });
        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.True((await app.SubscriptionAsync("reader@example.org"))!.SkipWeekends);
    }

    private static async Task<string> ManageUrlAsync(TestApp app, string address)
    {
        var subscription = await app.AddActiveSubscriberAsync(address);
        await using var scope = app.Services.CreateAsyncScope();
        return "/digest/manage?token=" + Uri.EscapeDataString(scope.ServiceProvider.GetRequiredService<DigestTokens>().ForManaging(subscription));
    }
}
