using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Community;
using Paperwire.Core.Operations;
using Paperwire.Ingest.Scheduling;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Operations;

/// <summary><c>/admin/status</c>: what an admin sees of the scheduled jobs, the index, the digests and the node; what others see.</summary>
public class StatusPageTests
{
    [Fact]
    public async Task An_admin_sees_every_scheduled_job_with_the_outcome_of_its_last_run()
    {
        await using var oai = (await FixtureServer.StartAsync()).OnOaiCsPages();
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Ingest:Arxiv:OaiBaseUrl"] = oai.OaiUrl.ToString(),
            ["Ingest:Arxiv:MinimumInterval"] = "00:00:00",
            ["Ingest:Arxiv:Contact"] = "status-tests@example.org",
        });
        Assert.True(await app.Services.GetRequiredService<ScheduledHarvest>().RunOnceAsync(TestContext.Current.CancellationToken));
        var admin = await TestUser.CreateAsync(app, "root", Roles.Admin);
        using var browser = await admin.SignInAsync();

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/status"));

        Assert.Contains("<th scope=\"row\">harvest</th>", html, StringComparison.Ordinal);
        Assert.Contains("Succeeded</strong>", html, StringComparison.Ordinal);
        Assert.Contains("cs from 2026-05-26: inserted 5", html, StringComparison.Ordinal);
        // The tests switch the schedules off, and the page says so rather than inventing a next run.
        Assert.Contains("off (Ingest:Schedule:Enabled=false)", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">digests</th>", html, StringComparison.Ordinal);
        Assert.Contains("off (Search:Embeddings=false)", html, StringComparison.Ordinal);
        Assert.Contains("Not run yet", html, StringComparison.Ordinal);
        Assert.Contains("0 digests", html, StringComparison.Ordinal);
        Assert.Contains("harvest: ", html, StringComparison.Ordinal); // its lease, held after the run
        Assert.Contains(StatusReportVersion(), html, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d (KiB|MiB) in", html);
    }

    [Fact]
    public async Task Readers_who_are_not_admins_get_the_forbidden_page_and_strangers_the_sign_in_page()
    {
        await using var app = await TestApp.StartAsync();
        var reader = await TestUser.CreateAsync(app, "reader");
        using var browser = await reader.SignInAsync();

        using (var refused = await browser.GetAsync("/admin/status"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/error/403", refused.Headers.Location!.AbsolutePath);
        }

        using var forbidden = await browser.GetAsync("/error/403");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.DoesNotContain("Scheduled jobs", await forbidden.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var anonymous = await app.Client.GetAsync("/admin/status", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/signin", anonymous.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_failed_run_is_recorded_with_its_reason_and_the_last_success_is_kept(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>();

        await runs.RecordAsync("backup", TestApp.Now.AddMinutes(-5), succeeded: true, "wrote backup-1.tar", TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await runs.RecordAsync("backup", app.Clock.GetUtcNow().AddMinutes(-1), succeeded: false, "disk full", TestContext.Current.CancellationToken);

        var run = Assert.Single(await runs.AllAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("backup", JobOutcome.Failed, "disk full"), (run.Job, run.Outcome, run.Message));
        Assert.Equal(TestApp.Now, run.LastSuccessAt);
        Assert.Equal(app.Clock.GetUtcNow(), run.FinishedAt);
    }

    private static string StatusReportVersion() => Paperwire.Operations.StatusReport.Version;
}
