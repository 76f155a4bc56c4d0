using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Papers;
using Paperwire.Digests;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Tests.Cli;
using Paperwire.Tests.Community.Votes;
using Paperwire.Tests.Digests;

namespace Paperwire.Tests.Backups;

/// <summary>
/// A backup taken while an import and votes keep writing, restored into a new deployment that a server then serves:
/// everything committed before the backup started is there, and the copy is consistent. SQLite goes through
/// <c>paperwire backup</c> and <c>paperwire restore</c> (real processes beside the running app); PostgreSQL through
/// pg_dump and pg_restore, as docs/backup.md says.
/// </summary>
public sealed class BackupRoundTripTests : IDisposable
{
    private const string Comment = "The ablation in section 4 answers my question about the tokenizer.";
    private const string Subscriber = "reader@example.org";
    private static readonly DateOnly Day = new(2026, 5, 28);
    private static readonly string[] Voters = ["ada", "grace", "alan", "edsger"];

    private readonly string folder = Directory.CreateTempSubdirectory("paperwire-backup-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_backup_taken_during_an_import_and_votes_restores_everything_committed_before_it(DatabaseProvider provider)
    {
        // One voter toggles a vote until the backup is done, so the longer a busy machine takes, the more votes it
        // casts: the per-reader vote limit (not what this test is about) is scaled out of its way.
        await using var app = await TestApp.StartAsync(provider, demo: false, settings: new Dictionary<string, string?> { [Paperwire.Hosting.RateLimits.ScaleSetting] = "1000" });
        var feed = Enumerable.Range(0, 40).Select(i => PaperFactory.InFeed($"2605.{20000 + i}", Day, title: $"Backed up paper {i} on tidal lagoons")).ToArray();
        await app.AddPapersAsync(feed);
        var secrets = new List<string>();
        foreach (var name in Voters)
        {
            secrets.Add(await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, name)));
        }

        await PostCommentAsync(app, secrets[0], feed[0].Id);
        var subscription = await app.AddActiveSubscriberAsync(Subscriber);
        string manageLink;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            manageLink = "/digest/manage?token=" + Uri.EscapeDataString(scope.ServiceProvider.GetRequiredService<DigestTokens>().ForManaging(subscription));
        }

        await app.UntilIndexedAsync();
        var generation = app.Services.GetRequiredService<SearchIndexes>().Current.Name;

        using var stop = new CancellationTokenSource();
        var load = new Load();
        var import = load.ImportAsync(app, stop.Token);
        var votes = load.VoteAsync(app, secrets, [.. feed.Select(p => p.Id)], stop.Token);
        await UntilAsync(() => (load.Imported.Count >= 500 && load.Votes.Count >= 20) || import.IsCompleted || votes.IsFaulted, "the import and the votes are under way");
        Assert.False(import.IsCompleted || votes.IsFaulted, $"the load stopped early: {import.Exception}{votes.Exception}");

        // Everything committed before the backup starts must come back.
        var importedBefore = load.Imported.ToList();
        var votesBefore = load.Votes.ToList();
        var archive = Path.Combine(folder, provider == DatabaseProvider.Sqlite ? "paperwire.tar.gz" : "paperwire.dump");
        if (provider == DatabaseProvider.Sqlite)
        {
            var (exit, output) = await PaperwireProcess.RunAsync("backup", "--data", app.Database.DataDirectory, "--out", archive);
            Assert.True(exit == 0, output);
            Assert.Contains($"Search index: copied generation {generation}.", output);
            Assert.Matches(@"Backed up [\d,]+ papers, 4 accounts, [\d,]+ votes, 1 comments, 1 subscriptions into ", output);
        }
        else
        {
            await PostgresTools.DumpAsync(app.Database.Settings.ConnectionString, archive);
        }

        var importedDuring = load.Imported.Count;
        await UntilAsync(() => load.Imported.Count > importedDuring || import.IsCompleted, "the import goes on after the backup");
        Assert.False(import.IsCompleted, $"the import ended before the backup did ({importedBefore.Count} papers before it, {importedDuring} after): {import.Exception}");
        await stop.CancelAsync();
        await Task.WhenAll(import, votes);
        Assert.True(importedDuring > importedBefore.Count, "the import wrote while the backup ran");

        TestDatabase target;
        if (provider == DatabaseProvider.Sqlite)
        {
            var restoredFolder = Path.Combine(folder, "restored");
            var (exit, output) = await PaperwireProcess.RunAsync("restore", archive, "--data", restoredFolder);
            Assert.True(exit == 0, output);
            Assert.Contains($"into {restoredFolder}.", output);
            target = TestDatabase.InFolder(restoredFolder);
        }
        else
        {
            target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
            await PostgresTools.RestoreAsync(archive, target.Settings.ConnectionString);
        }

        await using var restored = await TestApp.StartOnAsync(target);
        if (provider == DatabaseProvider.Sqlite)
        {
            // The index came with the archive: the restored node serves it, catching up from the change sequence.
            Assert.Equal(generation, restored.Services.GetRequiredService<SearchIndexes>().Current.Name);
        }

        var paperIds = (await restored.QueryAsync(db => db.Papers.Select(p => p.Id).ToListAsync(Cancel))).ToHashSet(StringComparer.Ordinal);
        AssertNoneMissing("imported papers", importedBefore.Concat(feed.Select(p => p.Id)).Where(id => !paperIds.Contains(id)));

        var userIds = await restored.QueryAsync(db => db.Users.ToDictionaryAsync(u => u.Id, u => u.UserName!, Cancel));
        var storedVotes = (await restored.QueryAsync(db => db.Votes.Select(v => new { v.UserId, v.PaperId }).ToListAsync(Cancel)))
            .Select(v => (userIds[v.UserId], v.PaperId)).ToHashSet();
        AssertNoneMissing("votes", votesBefore.Where(v => !storedVotes.Contains(v)));
        // Consistent: every paper's count is its number of vote rows (the two move in one transaction).
        var feedIds = feed.Select(p => p.Id).ToList();
        var counts = await restored.QueryAsync(db => db.Papers.Where(p => feedIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Upvotes, Rows = db.Votes.Count(v => v.PaperId == p.Id) }).ToListAsync(Cancel));
        Assert.All(counts, c => Assert.Equal(c.Rows, c.Upvotes));

        // What a reader notices: the comment on the page, a password that signs in, a token that votes, a digest link that works.
        Assert.Contains(Comment, await restored.Client.GetStringAsync($"/papers/{feed[0].Id}", Cancel));
        using (var signedIn = await CommunityClient.SignedInAsync(restored, "grace"))
        {
            Assert.Contains("grace", await signedIn.Http.GetStringAsync("/", Cancel));
        }

        Assert.True((await VoteApiTests.SendAsync(restored, HttpMethod.Post, $"/api/papers/{feed[^1].Id}/upvote", secrets[3])).Upvoted);
        using var manage = await restored.Client.GetAsync(manageLink, Cancel);
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        Assert.Contains(Subscriber, await manage.Content.ReadAsStringAsync(Cancel));

        // And search finds a paper by keyword, from the copied index or the one built from the database.
        await restored.UntilIndexedAsync();
        var found = await restored.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/papers/search?q=backed+up+paper+7+tidal+lagoons&limit=5", Cancel);
        Assert.Contains(found.EnumerateArray(), item => item.GetProperty("paper").GetProperty("id").GetString() == feed[7].Id);
    }

    private static void AssertNoneMissing<T>(string what, IEnumerable<T> missing)
    {
        var list = missing.ToList();
        Assert.True(list.Count == 0, $"{list.Count} {what} committed before the backup are missing, such as {string.Join(", ", list.Take(5))}");
    }

    private static async Task PostCommentAsync(TestApp app, string secret, string paperId)
    {
        using var request = CommunityClient.WithToken(HttpMethod.Post, $"/api/papers/{paperId}/comments", secret);
        request.Content = JsonContent.Create(new { text = Comment });
        using var response = await app.Client.SendAsync(request, Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>Polls <paramref name="condition"/>; the bound only turns a hang into a failure.</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20, Cancel);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }

    /// <summary>Writers that keep going until stopped, and what each has committed so far.</summary>
    private sealed class Load
    {
        private readonly List<string> imported = [];
        private readonly List<(string User, string Paper)> votes = [];

        public IReadOnlyList<string> Imported
        {
            get
            {
                lock (imported)
                {
                    return [.. imported];
                }
            }
        }

        public IReadOnlyList<(string User, string Paper)> Votes
        {
            get
            {
                lock (votes)
                {
                    return [.. votes];
                }
            }
        }

        /// <summary>Batches of 50 papers through the catalog writer, as the snapshot importer writes them.</summary>
        public async Task ImportAsync(TestApp app, CancellationToken stop)
        {
            for (var batch = 0; !stop.IsCancellationRequested && batch < 2000; batch++)
            {
                var papers = Enumerable.Range(batch * 50, 50)
                    .Select(i => PaperFactory.InCatalog($"2604.{i:D5}", new DateOnly(2026, 4, 1), title: $"Imported paper {i}"))
                    .ToArray();
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CatalogWriter>().UpsertAsync(papers, mirrorsFeed: false, CancellationToken.None);
                lock (imported)
                {
                    imported.AddRange(papers.Select(p => p.Id));
                }

                // An importer parses its input between batches; a loop that only wrote would starve the votes of SQLite's
                // one write lock (its busy handler polls), which is no load a server sees.
                await Task.Delay(10, CancellationToken.None);
            }
        }

        /// <summary>Every voter upvotes every paper, one request at a time each; then one voter keeps toggling a vote.</summary>
        public async Task VoteAsync(TestApp app, IReadOnlyList<string> secrets, IReadOnlyList<string> papers, CancellationToken stop)
        {
            await Task.WhenAll(secrets.Select(async (secret, voter) =>
            {
                // The first voter's vote on the last paper is toggled below, so it is no permanent vote.
                foreach (var paper in voter == 0 ? papers.SkipLast(1) : papers)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    await VoteApiTests.SendAsync(app, HttpMethod.Post, $"/api/papers/{paper}/upvote", secret);
                    lock (votes)
                    {
                        votes.Add((Voters[voter], paper));
                    }
                }

                for (var up = true; !stop.IsCancellationRequested && voter == 0; up = !up)
                {
                    await VoteApiTests.SendAsync(app, up ? HttpMethod.Post : HttpMethod.Delete, $"/api/papers/{papers[^1]}/upvote", secret);
                }
            }));
        }
    }
}
