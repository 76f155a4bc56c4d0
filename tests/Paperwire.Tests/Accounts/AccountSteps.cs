using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Paperwire.Tests.Accounts;

/// <summary>What a visitor does with the account forms, in the words of the tests.</summary>
internal static partial class AccountSteps
{
    public const string Password = "correct horse battery";

    public static Task<WebPage> SignUpAsync(this BrowserSession browser, string name, string email, string password = Password) =>
        browser.SubmitAsync("/account/signup", new Dictionary<string, string>
        {
            ["Form.UserName"] = name,
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        });

    public static Task<WebPage> SignInAsync(this BrowserSession browser, string login, string password = Password) =>
        browser.SubmitAsync("/account/signin", new Dictionary<string, string>
        {
            ["Form.Login"] = login,
            ["Form.Password"] = password,
        });

    /// <summary>The button on the sign-out page.</summary>
    public static Task<WebPage> SignOutAsync(this BrowserSession browser) =>
        browser.SubmitAsync("/account/signout", new Dictionary<string, string>());

    /// <summary>Follows the link in the confirmation mail sent to <paramref name="email"/>.</summary>
    public static async Task<WebPage> ConfirmAsync(this BrowserSession browser, TestApp app, string email)
    {
        var confirmed = await browser.GetAsync(Mailbox.LinkIn(Mailbox.Of(app).Message(email, "Confirm your Paperwire account")));
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        return confirmed;
    }

    /// <summary>Signs up and confirms through the forms and the mail, in a session of its own.</summary>
    public static async Task CreateConfirmedAsync(TestApp app, string name, string email, string password = Password)
    {
        using var browser = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignUpAsync(name, email, password)).Status);
        await browser.ConfirmAsync(app, email);
    }

    /// <summary>The header's account area: the user's name and a sign-out button, or the sign-in links.</summary>
    public static string AccountNav(this WebPage page) =>
        AccountNavPattern().Match(page.Html) is { Success: true } match ? match.Value : throw new InvalidOperationException($"{page.Url} has no account nav");

    /// <summary>The message above a form (the validation summary), decoded.</summary>
    public static string FormErrors(this WebPage page) =>
        FormErrorsPattern().Match(page.Html) is { Success: true } match ? WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, "")).Trim() : "";

    /// <summary>The message next to a form field, decoded ("" when the field is fine).</summary>
    public static string FieldError(this WebPage page, string field) =>
        Regex.Match(page.Html, $"""data-valmsg-for="{Regex.Escape(field)}"[^>]*>(.*?)</span>""", RegexOptions.Singleline) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim()
            : throw new InvalidOperationException($"{page.Url} has no field {field}");

    public static bool IsSignedInAs(this WebPage page, string name)
    {
        var nav = page.AccountNav();
        return nav.Contains($"""<a href="/u/{name}">{name}</a>""", StringComparison.Ordinal)
            && nav.Contains("""action="/account/signout""", StringComparison.Ordinal)
            && !nav.Contains("/account/signin", StringComparison.Ordinal);
    }

    public static bool IsSignedOut(this WebPage page)
    {
        var nav = page.AccountNav();
        return nav.Contains("""<a href="/account/signin">Sign in</a>""", StringComparison.Ordinal)
            && !nav.Contains("/account/signout", StringComparison.Ordinal);
    }

    public static bool SetsAuthCookie(this WebPage page) =>
        page.SetCookies.Any(c => c.StartsWith("paperwire.auth=", StringComparison.Ordinal) && !c.StartsWith("paperwire.auth=;", StringComparison.Ordinal));

    public static Task<int> UserCountAsync(this TestApp app) => app.QueryAsync(db => db.Users.CountAsync());

    [GeneratedRegex("""<nav class="account"[^>]*>.*?</nav>""", RegexOptions.Singleline)]
    private static partial Regex AccountNavPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("""<div class="form-errors[^"]*"[^>]*>(.*?)</div>""", RegexOptions.Singleline)]
    private static partial Regex FormErrorsPattern();
}
