using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Snapshot;
using Paperwire.Storage;

namespace Paperwire.Tests.Ingest;

/// <summary>Importing the arXiv metadata snapshot: the shipped sample record by record, filters, and bad input.</summary>
public class SnapshotImportTests
{
    public static readonly string Sample = GluedSample.Shipped;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ShippedSample_ImportsEveryRecord_WithKnownEntriesIntact(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);

        var summary = await ImportAsync(app, Sample);

        Assert.Equal(4269, summary.Counts.Inserted);
        Assert.Equal(0, summary.RejectedCount);

        var first = await FindAsync(app, "2505.24868");
        Assert.Equal("Consistent line clustering using geometric hypergraphs", first.Title);
        Assert.Equal(["Kalle Alaluusua", "Konstantin Avrachenkov", "B. R. Vinay Kumar", "Lasse Leskelä"], first.Authors.Select(a => a.Name));
        Assert.Equal(["math.ST", "stat.ML"], first.Categories);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), first.PublishedAt); // no versions: month of the id

        var tex = await FindAsync(app, "2505.24762");
        Assert.StartsWith("Branched $α$-combinatorial Ricci flows", tex.Title); // TeX and unicode kept

        var withCode = await FindAsync(app, "2505.09857");
        Assert.Equal("https://github.com/leespen1/QuantumGateDesign.jl", withCode.GithubRepo);
        Assert.Equal(["Spencer Lee", "Daniel Appelo"], withCode.Authors.Take(2).Select(a => a.Name));

        var updated = await FindAsync(app, "2309.10891");
        Assert.Equal(new DateTimeOffset(2023, 9, 21, 0, 0, 0, TimeSpan.Zero), updated.UpdatedAt);
        Assert.Equal("https://github.com/luka-group/SALT", updated.GithubRepo);
        Assert.Equal(["cs.CL", "cs.AI", "cs.LG"], updated.Categories);

        // An earlier copy of the sample had this abstract's words glued at former line breaks ("suchindividual-level").
        var repaired = await FindAsync(app, GluedSample.Agents);
        Assert.Contains("such individual-level models utilize large language models such as ChatGPT to represent human decision-making", repaired.Summary);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ImportingTheRepairedSample_OverAGluedCopy_UpdatesOnlyTheRepairedAbstracts(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await ImportAsync(app, await GluedSample.WriteAsync(app.Database.DataDirectory));
        Assert.Contains("torepresent", (await FindAsync(app, GluedSample.Agents)).Summary);

        var repaired = await ImportAsync(app, Sample);

        Assert.Equal(new UpsertCounts(Inserted: 0, Updated: 2, Unchanged: 4267), repaired.Counts);
        Assert.Contains("to represent human decision-making", (await FindAsync(app, GluedSample.Agents)).Summary);
        Assert.Contains("linear regression", (await FindAsync(app, GluedSample.Shareholding)).Summary);
        Assert.Equal(4269, await app.QueryAsync(db => db.Papers.CountAsync()));
    }

    [Fact]
    public async Task Reimport_ChangesNothing_AndBumpsNoChangeSequence()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await ImportAsync(app, Sample);
        var sequenceBefore = await app.QueryAsync(db => db.Papers.MaxAsync(p => p.ChangeSequence));

        var again = await ImportAsync(app, Sample);

        Assert.Equal(4269, again.Counts.Unchanged);
        Assert.Equal(sequenceBefore, await app.QueryAsync(db => db.Papers.MaxAsync(p => p.ChangeSequence)));
    }

    [Fact]
    public async Task GzipSnapshot_WithCategoryAndDateFilters_ImportsOnlyMatchingRecords()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var gz = Path.Combine(app.Database.DataDirectory, "sample.jsonl.gz");
        await using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        await using (var input = File.OpenRead(Sample))
        {
            await input.CopyToAsync(output, TestContext.Current.CancellationToken);
        }

        var summary = await ImportAsync(app, gz, SnapshotFilter.Create("cs.*,stat.ML", new DateOnly(2023, 1, 1)));

        Assert.True(summary.Counts.Inserted > 100);
        Assert.Equal(4269, summary.Counts.Inserted + summary.Skipped);
        var stored = await app.QueryAsync(db => db.Papers.ToListAsync());
        Assert.All(stored, p => Assert.Contains(p.Categories, c => c.StartsWith("cs.", StringComparison.Ordinal) || c == "stat.ML"));
        Assert.All(stored, p => Assert.True((p.UpdatedAt ?? p.PublishedAt).Year >= 2023));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task BadRecords_AreRejectedWithReasons_AndTheImportGoesOn(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InCatalog("2101.00001", new DateOnly(2021, 1, 1), upvotes: 7, title: "Already stored"));
        string[] lines =
        [
            Record("2101.00002", "A fine paper"),
            "{ this is not json",
            Record("2101.00003", "   \n  "),
            Record("2101.00004", "Huge abstract", summary: new string('x', 100_000)),
            Record("2101.00005", "Odd category", categories: "cs.XX"),
            Record("../../etc/passwd", "Bad id"),
            Record("2101.00002", "A fine paper, revised title"),
            Record("2101.00006", "Has \"quotes\" and \\u0000? no: plain"),
        ];
        var file = Path.Combine(app.Database.DataDirectory, "bad.jsonl");
        await File.WriteAllLinesAsync(file, lines, TestContext.Current.CancellationToken);

        var summary = await ImportAsync(app, file);

        Assert.Equal(2, summary.Counts.Inserted);
        Assert.Equal(1, summary.Counts.Updated); // the second 2101.00002 line
        Assert.Equal(5, summary.RejectedCount);
        Assert.Contains(summary.Rejected, r => r.Where == "line 2" && r.Reason.StartsWith("malformed JSON", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Reason == "title is empty");
        Assert.Contains(summary.Rejected, r => r.Reason.StartsWith("abstract longer than", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Reason == "unknown category 'cs.XX'");
        Assert.Contains(summary.Rejected, r => r.Reason.StartsWith("invalid arXiv id", StringComparison.Ordinal));
        Assert.Equal("A fine paper, revised title", (await FindAsync(app, "2101.00002")).Title);
        var kept = await FindAsync(app, "2101.00001");
        Assert.Equal(7, kept.Upvotes); // nothing already stored is lost
    }

    [Fact]
    public async Task BinaryFile_IsFatal_WithAClearMessage_AndNothingStored()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var file = Path.Combine(app.Database.DataDirectory, "random.bin");
        await File.WriteAllBytesAsync(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ImportAsync(app, file));

        Assert.Contains("does not look like an arXiv JSON-lines snapshot", error.Message);
        Assert.Equal(0, await app.QueryAsync(db => db.Papers.CountAsync()));
    }

    [Fact]
    public async Task LineLongerThanTheRecordCap_IsRejected_AndTheNextRecordImports()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var file = Path.Combine(app.Database.DataDirectory, "long-line.jsonl");
        await using (var writer = new StreamWriter(file))
        {
            // 50 MB on one line: before the cap, the reader buffered all of it (a 300 MB line took 2.4 GB).
            await writer.WriteAsync("{\"id\":\"2101.00001\",\"title\":\"Long\",\"abstract\":\"");
            var chunk = new string('a', 1 << 20);
            for (var i = 0; i < 50; i++)
            {
                await writer.WriteAsync(chunk);
            }

            await writer.WriteLineAsync("\"}");
            await writer.WriteLineAsync(Record("2101.00002", "After the long line"));
        }

        var summary = await ImportAsync(app, file);

        Assert.Equal(1, summary.Counts.Inserted);
        var rejected = Assert.Single(summary.Rejected);
        Assert.Equal(new RejectedRecord("line 1", "record longer than 1 MiB"), rejected);
        Assert.Equal("After the long line", (await FindAsync(app, "2101.00002")).Title);
    }

    [Fact]
    public async Task BinaryFileWithoutNewlines_IsFatal_NotOneOverlongRecord()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var file = Path.Combine(app.Database.DataDirectory, "random.bin");
        await File.WriteAllBytesAsync(file, [.. Enumerable.Range(0, 3 * 1024 * 1024).Select(i => (byte)(i * 7919 % 251 is 10 ? 0 : i * 7919 % 251))], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ImportAsync(app, file));

        Assert.Contains("does not look like an arXiv JSON-lines snapshot", error.Message);
    }

    [Fact]
    public void UnknownCategoryFilter_IsFatal() =>
        Assert.Throws<InvalidInputException>(() => SnapshotFilter.Create("physics.nonsense", null));

    private static string Record(string id, string title, string summary = "An abstract.", string categories = "cs.LG") =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id,
            ["title"] = title,
            ["abstract"] = summary,
            ["authors"] = "Ada Lovelace, Alan Turing",
            ["authors_parsed"] = new[] { new[] { "Lovelace", "Ada", "" }, new[] { "Turing", "Alan", "" } },
            ["categories"] = categories,
            ["versions"] = new[] { new { version = "v1", created = "Mon, 4 Jan 2021 10:00:00 GMT" } },
        });

    private static async Task<ImportSummary> ImportAsync(TestApp app, string path, SnapshotFilter? filter = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SnapshotImporter>()
            .ImportAsync(path, filter ?? SnapshotFilter.All, new ImportOptions(), null, TestContext.Current.CancellationToken);
    }

    private static Task<Paperwire.Core.Papers.Paper> FindAsync(TestApp app, string id) =>
        app.QueryAsync(db => db.Papers.SingleAsync(p => p.Id == id));
}

/// <summary>A database that refuses writes ends the import with an error instead of hanging it.</summary>
public class FailingWriteTests
{
    [Fact]
    public async Task WriteFailureMidImport_FailsFast_InsteadOfHanging()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse BEFORE INSERT ON papers BEGIN SELECT RAISE(ABORT, 'boom'); END;"));
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<SnapshotImporter>();

        // The shipped sample (4,269 records) is more than the pipeline's channel holds, so a stuck reader would hang here.
        var import = importer.ImportAsync(SnapshotImportTests.Sample, SnapshotFilter.All, new ImportOptions(BatchSize: 250), null, TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(import, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Same(import, finished);
        await Assert.ThrowsAnyAsync<Exception>(() => import);
    }
}
