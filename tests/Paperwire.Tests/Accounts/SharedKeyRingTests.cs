using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Accounts;
using Paperwire.Digests;
using Paperwire.Tests.Digests;

namespace Paperwire.Tests.Accounts;

/// <summary>
/// The Data Protection keys live in the database: a sign-in, a form or a digest link from one node works on every
/// other node of the same database, and keys an older version kept in the data folder keep working after an upgrade.
/// </summary>
public class SharedKeyRingTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_sign_in_and_a_form_from_one_node_are_accepted_by_another(Paperwire.Storage.DatabaseProvider provider)
    {
        await using var nodeA = await TestApp.StartAsync(provider, demo: false);
        await using var nodeB = await TestApp.StartAnotherNodeAsync(nodeA);
        await AccountSteps.CreateConfirmedAsync(nodeA, "ada", "ada@example.org");
        using var onA = new BrowserSession(nodeA);
        await onA.SignInAsync("ada");
        var formFromA = await onA.GetAsync("/account/sessions");

        using var onB = new BrowserSession(nodeB);
        onB.Cookies.Add(onA.Cookies.GetCookies(nodeA.BaseAddress));

        Assert.True((await onB.GetAsync("/")).IsSignedInAs("ada"), "node B reads node A's sign-in cookie");
        var ended = await onB.SubmitAsync(formFromA, new Dictionary<string, string>(), action: "/account/sessions?handler=EndAll");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status); // node A's antiforgery token verified on node B
        // Node A keeps sessions it found in memory for one poll interval (SessionStore): the end reaches it within that.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await onA.GetAsync("/")).IsSignedOut())
        {
            Assert.True(DateTime.UtcNow < deadline, "signing out everywhere on B never ended the session on A");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Single(await nodeA.QueryAsync(db => db.DataProtectionKeys.ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_digest_link_signed_with_keys_from_the_old_data_folder_still_works(Paperwire.Storage.DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var subscription = await app.AddActiveSubscriberAsync("reader@example.org");
        // What an older version did: keys as files in the data folder, a manage link signed with them in a sent digest.
        var folder = app.Services.GetRequiredService<KeyRingFolder>().Path;
        var oldKeys = DataProtectionProvider.Create(new DirectoryInfo(folder), keys => keys.SetApplicationName("Paperwire"));
        var sentLink = "/digest/manage?token=" + Uri.EscapeDataString(new DigestTokens(oldKeys, app.Clock).ForManaging(subscription));

        await PrepareKeyRingAsync(app);
        await PrepareKeyRingAsync(app); // a restart takes nothing over twice

        using var reader = new BrowserSession(app);
        var page = await reader.GetAsync(sentLink);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Weekly digests arrive on", page.Text);
        var stored = await app.QueryAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        Assert.Contains(Path.GetFileNameWithoutExtension(Directory.GetFiles(folder, "key-*.xml").Single()), stored);
        Assert.Equal(stored.Count, stored.Distinct().Count());
    }

    [Fact]
    public async Task An_unreadable_key_file_is_skipped_and_the_server_still_starts()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var folder = app.Services.GetRequiredService<KeyRingFolder>().Path;
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "key-broken.xml"), "<key version=", TestContext.Current.CancellationToken);

        await PrepareKeyRingAsync(app);

        Assert.DoesNotContain("key-broken", await app.QueryAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync()));
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var browser = new BrowserSession(app);
        await browser.SignInAsync("ada");
        Assert.True((await browser.GetAsync("/")).IsSignedInAs("ada"));
    }

    private static async Task PrepareKeyRingAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SharedKeyRing>().PrepareAsync(CancellationToken.None);
    }
}
