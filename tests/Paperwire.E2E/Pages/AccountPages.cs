using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E.Pages;

/// <summary>Signing up (with the confirmation mail from the app's pickup folder) and signing in, as a newcomer does.</summary>
public static class AccountPages
{
    public const string Password = "a long enough passphrase";

    /// <summary>Creates <paramref name="userName"/> (address <c>userName@example.org</c>) and follows the link in the confirmation mail.</summary>
    public static async Task SignUpAndConfirmAsync(IPage page, TestApp app, string userName)
    {
        var site = new SitePage(page);
        await SitePage.GoToAsync(page, "/account/signup");
        await page.Locator("input[name='Form.UserName']").FillAsync(userName);
        await page.Locator("input[name='Form.Email']").FillAsync(userName + "@example.org");
        await page.Locator("input[name='Form.Password']").FillAsync(Password);
        await site.ClickToNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create account" }));
        await Expect(site.Heading).ToHaveTextAsync("Check your email");

        var confirmation = Mailbox.Of(app).Message(userName + "@example.org", "confirm");
        await SitePage.GoToAsync(page, Mailbox.LinkIn(confirmation));
        await Expect(site.Heading).ToHaveTextAsync("Address confirmed");
    }

    public static async Task SignInAsync(IPage page, string userName)
    {
        var site = new SitePage(page);
        await SitePage.GoToAsync(page, "/account/signin");
        await page.Locator("input[name='Form.Login']").FillAsync(userName);
        await page.Locator("input[name='Form.Password']").FillAsync(Password);
        await site.ClickToNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }
}
