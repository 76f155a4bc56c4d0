using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;

namespace Paperwire.Ingest.DemoCorpus;

/// <summary>
/// Loads the 67 papers of the shipped Daily Papers page into an empty catalog, so a first start has
/// something to show. Papers with a shown date become feed entries on that date; the rest are catalog only.
/// </summary>
public sealed class DemoCorpusLoader(PaperCatalog catalog, ImportPipeline pipeline, IOptions<DemoCorpusOptions> options, ILogger<DemoCorpusLoader> logger)
{
    /// <summary>Loads the corpus when the catalog is empty; returns how many papers were added.</summary>
    public async Task<int> LoadIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || !await catalog.IsEmptyAsync(cancellationToken))
        {
            return 0;
        }

        var papers = ReadPapers();
        // Through the same pipeline as every other source; the demo page carries votes, so it mirrors them.
        await pipeline.RunAsync(papers.Select(ParsedRecord.Accept).ToAsyncEnumerable(), new ImportOptions(MirrorsFeed: true), null, null, cancellationToken);
        logger.LogInformation("Loaded the demo corpus: {Papers} papers, {FeedEntries} in the daily feed", papers.Count, papers.Count(p => p.FeedEntry is not null));
        return papers.Count;
    }

    /// <summary>The demo corpus as catalog papers, without touching storage.</summary>
    public static List<Paper> ReadPapers()
    {
        using var stream = typeof(DemoCorpusLoader).Assembly.GetManifestResourceStream("seed-page-papers.json")
            ?? throw new InvalidOperationException("The demo corpus resource is missing from the build.");
        var records = JsonSerializer.Deserialize<List<SeedPageRecord>>(stream) ?? [];
        return [.. records.Select(ToPaper)];
    }

    private static Paper ToPaper(SeedPageRecord record)
    {
        var title = Text.NormalizeWhitespace(record.Title);
        var date = record.PublishedAt is null
            ? (DateOnly?)null
            : DateOnly.ParseExact(record.PublishedAt, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var midnight = date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
        var paper = new Paper
        {
            Id = PaperId.LocalFromTitle(title),
            Title = title,
            Summary = Text.NormalizeWhitespace(record.Abstract),
            AuthorCount = record.AuthorCount ?? 0,
            // The page shows one date; it is both the paper date and the day it entered the feed.
            PublishedAt = midnight,
            Upvotes = record.Upvotes ?? 0,
            Organization = record.Organization is { } org ? new Organization { Name = org.Name, FullName = org.FullName } : null,
        };
        CodeLinks.Fill(paper, PaperLinksFinder.Find(record.Abstract));
        if (date is { } feedDate)
        {
            paper.FeedEntry = new FeedEntry { PaperId = paper.Id, FeedDate = feedDate, SubmittedAt = midnight };
        }

        return paper;
    }
}
