using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Paperwire.Core.Community;
using Paperwire.E2E.Pages;
using Paperwire.Ingest.Scheduling;
using Paperwire.Storage.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>An admin opens <c>/admin/status</c> after the night's harvest and sees how it went.</summary>
public sealed class StatusPageTests(AppInBrowser site)
{
    [Fact]
    public async Task An_admin_signs_in_and_sees_that_the_harvest_ran_and_what_it_brought()
    {
        await using var oai = (await FixtureServer.StartAsync()).OnOaiCsPages();
        await using var app = await TestApp.StartOnLoopbackAsync(settings: new Dictionary<string, string?>
        {
            ["Ingest:Arxiv:OaiBaseUrl"] = oai.OaiUrl.ToString(),
            ["Ingest:Arxiv:MinimumInterval"] = "00:00:00",
            ["Ingest:Arxiv:Contact"] = "status-e2e@example.org",
        });
        Assert.True(await app.Services.GetRequiredService<ScheduledHarvest>().RunOnceAsync(TestContext.Current.CancellationToken));
        await CreateAdminAsync(app, "operator");
        await using var context = await site.NewContextAsync(on: app);
        var page = await context.NewPageAsync();
        await AccountPages.SignInAsync(page, "operator");

        await SitePage.GoToAsync(page, "/admin/status");

        await Expect(new SitePage(page).Heading).ToHaveTextAsync("Status");
        var harvest = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "harvest", Exact = true }) });
        await Expect(harvest).ToContainTextAsync("Succeeded");
        await Expect(harvest).ToContainTextAsync("inserted 5");
        await Expect(harvest).ToContainTextAsync("2026-05-29");
        var digests = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "digests", Exact = true }) });
        await Expect(digests).ToContainTextAsync("Not run yet");
    }

    private static async Task CreateAdminAsync(TestApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>();
        var user = new PaperwireUser { UserName = userName, Email = $"{userName}@example.org", EmailConfirmed = true, JoinedAt = TestApp.Now };
        var created = await users.CreateAsync(user, AccountPages.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
    }
}
