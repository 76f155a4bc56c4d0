using System.Net;

namespace Paperwire.Tests.Accounts;

/// <summary>Account forms take 10 submissions a minute from one address; reading the pages is never limited.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task The_eleventh_sign_in_within_a_minute_gets_429_with_Retry_After_but_pages_still_load()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var script = new BrowserSession(app);
        var form = await script.GetAsync("/account/signin");
        var fields = new Dictionary<string, string> { ["Form.Login"] = "nobody", ["Form.Password"] = "guess guess guess" };

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await script.SubmitAsync(form, fields)).Status);
        }

        var limited = await script.SubmitAsync(form, fields);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.True(int.TryParse(limited.Header("Retry-After"), out var seconds) && seconds is > 0 and <= 60, $"Retry-After: {limited.Header("Retry-After")}");
        Assert.Contains("Slow down", limited.Text);

        // Still limited with the right password: the limit comes before the password check.
        var rightPassword = await script.SubmitAsync(form, new Dictionary<string, string> { ["Form.Login"] = "ada", ["Form.Password"] = AccountSteps.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPassword.Status);
        Assert.False(rightPassword.SetsAuthCookie());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await script.SignUpAsync("eve", "eve@example.org")).Status);

        for (var view = 0; view < 25; view++)
        {
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/account/signin")).Status);
        }

        using var someoneElse = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await someoneElse.SignInAsync("ada")).Status);
    }
}
