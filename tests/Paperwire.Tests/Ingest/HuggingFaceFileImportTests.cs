using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Feed;
using Paperwire.Core.Papers;
using Paperwire.Ingest.HuggingFace;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;

namespace Paperwire.Tests.Ingest;

/// <summary>Importing a saved Hugging Face daily-papers file: feed dates, upvotes, submitters, organizations, rejects.</summary>
public class HuggingFaceFileImportTests
{
    private static readonly string Fixture = HuggingFaceImports.Fixture("daily-papers.json");

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_import_a_daily_papers_file_into_the_feed(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var rejects = new List<RejectedRecord>();

        var summary = await HuggingFaceImports.ImportAsync(app, new HfImportRequest(Fixture), rejects);

        Assert.Equal(4, summary.Counts.Inserted);
        Assert.Equal(3, summary.RejectedCount);
        Assert.Equal(
            [("item 4", "invalid paper id '2504.abcde'"), ("item 5 (2504.06263)", "title is empty"), ("item 7 (2504.04022)", "malformed item: $.paper.upvotes has the wrong type")],
            rejects.Select(r => (r.Where, r.Reason)));

        var smolVlm = await FindAsync(app, "2504.05299");
        Assert.Equal("SmolVLM: Redefining small and efficient multimodal models", smolVlm.Title);
        Assert.StartsWith("Large Vision-Language Models (VLMs) deliver exceptional performance but require significant computational resources, limiting", smolVlm.Summary);
        Assert.Equal(["Andrés Marafioti", "Orr Zohar", "Miquel Farré", "Merve Noyan"], smolVlm.Authors.Select(a => a.Name));
        Assert.Equal(4, smolVlm.AuthorCount);
        Assert.Equal(DateTimeOffset.Parse("2025-04-07T17:58:57Z", System.Globalization.CultureInfo.InvariantCulture), smolVlm.PublishedAt);
        Assert.Equal(160, smolVlm.Upvotes);
        Assert.Equal(0, smolVlm.NumComments); // comments come with the community module, not with their count
        Assert.Equal("https://github.com/huggingface/smollm", smolVlm.GithubRepo);
        Assert.Equal(2711, smolVlm.GithubStars);
        Assert.Equal("SmolVLM is a family of compact vision-language models for efficient on-device inference.", smolVlm.AiSummary);
        Assert.Equal(["vision-language models", "tokenization", "pixel shuffle"], smolVlm.AiKeywords);
        Assert.Equal("HuggingFaceTB", smolVlm.Organization!.Name);
        Assert.Equal("Hugging Face Smol Models Research", smolVlm.Organization.FullName);
        Assert.Equal("https://cdn-avatars.huggingface.co/v1/production/uploads/651e96991b97c9f33d26bde6/smol.png", smolVlm.Organization.AvatarUrl);
        Assert.Equal(new DateOnly(2025, 4, 8), smolVlm.FeedEntry!.FeedDate);
        Assert.Equal(new DateTimeOffset(2025, 4, 8, 2, 5, 14, 512, TimeSpan.Zero), smolVlm.FeedEntry.SubmittedAt);
        Assert.Equal("andito", smolVlm.FeedEntry.SubmittedBy);

        var olmoTrace = await FindAsync(app, "2504.07096"); // given as 2504.07096v2
        Assert.Equal([false, true, false], olmoTrace.Authors.Select(a => a.Hidden));
        Assert.Equal("https://allenai.org/blog/olmotrace", olmoTrace.ProjectPage);
        Assert.Equal(("allenai", "Ai2"), (olmoTrace.Organization!.Name, olmoTrace.Organization.FullName));
        Assert.Equal(new DateOnly(2025, 4, 10), olmoTrace.FeedEntry!.FeedDate); // 23:30 at UTC-2 is the next UTC day
        Assert.Equal("liujch1998", olmoTrace.FeedEntry.SubmittedBy);

        var oldStyle = await FindAsync(app, "hep-th/9901001");
        Assert.Equal(new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero), oldStyle.PublishedAt); // no paper date: month of the id
        Assert.Equal(new DateTimeOffset(2025, 4, 10, 0, 0, 0, TimeSpan.Zero), oldStyle.FeedEntry!.SubmittedAt); // no submission time: feed midnight
        Assert.Null(oldStyle.FeedEntry.SubmittedBy);
        Assert.Null(oldStyle.Organization);

        var badNames = await FindAsync(app, "2504.05741");
        Assert.Null(badNames.Organization); // "Hugging Face!!" is no organization name: dropped, the paper kept
        Assert.Null(badNames.FeedEntry!.SubmittedBy);
        Assert.Null(badNames.ProjectPage); // javascript: is never a link

        Assert.Equal(["2504.05299", "2504.05741"], await FeedIdsAsync(app, new DateOnly(2025, 4, 8)));
        Assert.Equal(["2504.07096", "hep-th/9901001"], await FeedIdsAsync(app, new DateOnly(2025, 4, 10)));
        Assert.Equal(["HuggingFaceTB", "allenai"], await app.QueryAsync(db => db.Organizations.OrderBy(o => o.Name).Select(o => o.Name).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Reimporting_the_same_file_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await HuggingFaceImports.ImportAsync(app, new HfImportRequest(Fixture));
        var sequenceBefore = await app.QueryAsync(db => db.Papers.MaxAsync(p => p.ChangeSequence));

        var again = await HuggingFaceImports.ImportAsync(app, new HfImportRequest(Fixture));

        Assert.Equal((0, 0, 4), (again.Counts.Inserted, again.Counts.Updated, again.Counts.Unchanged));
        Assert.Equal(3, again.RejectedCount);
        Assert.Equal(sequenceBefore, await app.QueryAsync(db => db.Papers.MaxAsync(p => p.ChangeSequence)));
        Assert.Equal(4, await app.QueryAsync(db => db.FeedEntries.CountAsync()));
    }

    [Fact]
    public async Task Reimporting_newer_upvotes_updates_them_and_keeps_the_feed_date()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await HuggingFaceImports.ImportAsync(app, new HfImportRequest(Fixture));
        var newer = Path.Combine(app.Database.DataDirectory, "newer.json");
        await File.WriteAllTextAsync(newer, (await File.ReadAllTextAsync(Fixture, TestContext.Current.CancellationToken)).Replace("\"upvotes\": 160", "\"upvotes\": 175", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var summary = await HuggingFaceImports.ImportAsync(app, new HfImportRequest(newer));

        Assert.Equal((0, 1, 3), (summary.Counts.Inserted, summary.Counts.Updated, summary.Counts.Unchanged));
        var smolVlm = await FindAsync(app, "2504.05299");
        Assert.Equal(175, smolVlm.Upvotes);
        Assert.Equal(new DateOnly(2025, 4, 8), smolVlm.FeedEntry!.FeedDate);
    }

    [Fact]
    public async Task A_window_keeps_only_the_entries_of_that_day()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        var summary = await HuggingFaceImports.ImportAsync(app, new HfImportRequest(Fixture, FeedWindow.Day(new DateOnly(2025, 4, 10))));

        Assert.Equal(2, summary.Counts.Inserted);
        Assert.Equal(2, summary.Skipped);
        Assert.Equal(["2504.07096", "hep-th/9901001"], await app.QueryAsync(db => db.Papers.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_large_file_streams_through_in_batches()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var large = Path.Combine(app.Database.DataDirectory, "large.json");
        await using (var writer = File.CreateText(large))
        {
            await writer.WriteAsync('[');
            for (var i = 1; i <= 2000; i++)
            {
                await writer.WriteAsync($$"""{{(i > 1 ? "," : "")}}{"paper":{"id":"2501.{{i:00000}}","title":"Paper {{i}}","summary":"","upvotes":{{i % 50}}},"publishedAt":"2025-01-{{1 + i % 28:00}}T00:00:00.000Z"}""");
            }

            await writer.WriteAsync(']');
        }

        var reports = new List<ImportProgress>();
        var summary = await HuggingFaceImports.ImportAsync(app, new HfImportRequest(large), progress: reports);

        Assert.Equal(2000, summary.Counts.Inserted);
        Assert.True(reports.Count > 1, "progress is reported after every batch");
        Assert.All(reports, r => Assert.Equal(("bytes", new FileInfo(large).Length), (r.Unit, r.Total!.Value)));
        Assert.Equal(new FileInfo(large).Length, reports[^1].Done);
        Assert.Equal(2000, await app.QueryAsync(db => db.FeedEntries.CountAsync()));
    }

    private static Task<Paper> FindAsync(TestApp app, string id) => app.QueryAsync(db =>
        db.Papers.Include(p => p.FeedEntry).Include(p => p.Organization).SingleAsync(p => p.Id == id));

    private static async Task<List<string>> FeedIdsAsync(TestApp app, DateOnly date)
    {
        var page = await app.QueryAsync(db => new DailyFeed(db, TimeProvider.System).ReadAsync(new FeedQuery(FeedWindow.Day(date)), TestContext.Current.CancellationToken));
        return [.. page.Entries.Select(e => e.PaperId)];
    }
}
