using Microsoft.EntityFrameworkCore;
using Paperwire.Citations.Import;
using Paperwire.Core.Papers;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;

namespace Paperwire.Community.Collections;

/// <summary>How an imported reference found its paper, or why it did not.</summary>
public enum ImportMatch
{
    ArxivId,
    Doi,
    Title,
    FetchedFromArxiv,
    NotOnArxiv,
    ArxivUnavailable,
    NotFound,
}

/// <summary>One reference of the file and what became of it.</summary>
public sealed record ImportedReference(ReferenceEntry Entry, ImportMatch Match, string? PaperId, string? PaperTitle, bool AlreadyInCollection)
{
    public bool Matched => PaperId is not null;
}

/// <summary>
/// What an import did: every reference with its outcome, the number of papers added; or, for a file that is not
/// BibTeX or RIS, the error with its line and the references read before it (nothing is imported then).
/// </summary>
public sealed record ImportReport(IReadOnlyList<ImportedReference> References, int Added, string? Error = null, int? ErrorLine = null)
{
    public IEnumerable<ImportedReference> Unmatched => References.Where(r => !r.Matched);
}

/// <summary>
/// Imports a reference manager's export (BibTeX or RIS) into one of the user's collections. Each reference is
/// matched to the catalog by arXiv id, then DOI, then normalized title; references with an arXiv id the catalog
/// lacks are fetched from the arXiv API (at most <see cref="MaxFetched"/> per import) and written to the catalog.
/// The collection then takes all matched papers in one transaction, or none (a full collection, a failed write).
/// </summary>
public sealed class CollectionImport(
    PaperwireDbContext db,
    PaperCatalog catalog,
    CatalogWriter writer,
    ArxivApiHarvester arxiv,
    CollectionService collections,
    ILogger<CollectionImport> logger)
{
    /// <summary>arXiv lookups one import may make (one request); more unmatched ids are listed, not fetched.</summary>
    public const int MaxFetched = 100;

    private static readonly TimeSpan ArxivTimeout = TimeSpan.FromSeconds(30);

    public async Task<Outcome<ImportReport>> ImportAsync(string userId, long collectionId, ReadOnlyMemory<byte> file, CancellationToken cancellationToken)
    {
        var owner = await db.Collections.AsNoTracking().Where(c => c.Id == collectionId).Select(c => new { c.OwnerId, c.IsPublic }).FirstOrDefaultAsync(cancellationToken);
        if (owner is null || (owner.OwnerId != userId && !owner.IsPublic))
        {
            return Outcome.NotFound("Collection not found", $"There is no collection {collectionId}.");
        }

        if (owner.OwnerId != userId)
        {
            return Outcome.Forbidden("Only its owner can change a collection.");
        }

        if (file.Length == 0)
        {
            return Outcome.BadRequest("Empty file", "Choose a BibTeX (.bib) or RIS (.ris) file to import.");
        }

        if (file.Length > ReferenceFile.MaxBytes)
        {
            return TooLarge;
        }

        IReadOnlyList<ReferenceEntry> entries;
        try
        {
            entries = ReferenceFile.Read(file.Span);
        }
        catch (ReferenceFormatException error)
        {
            var before = await MatchAsync(error.EntriesBefore, fetch: false, cancellationToken);
            return new Outcome<ImportReport>(
                Outcome.BadRequest("Not a BibTeX or RIS file", error.Message + " Nothing was imported."),
                new ImportReport(before, 0, error.Message, error.Line));
        }

        var references = await MatchAsync(entries, fetch: true, cancellationToken);
        var paperIds = references.Where(r => r.Matched).Select(r => r.PaperId!).ToList();
        var added = new List<string>();
        var written = await collections.AddItemsAsync(userId, collectionId, paperIds, added, cancellationToken);
        if (!written.Succeeded)
        {
            return new Outcome<ImportReport>(written.Status, new ImportReport(references, 0, written.Status.Detail));
        }

        var addedIds = added.ToHashSet(StringComparer.Ordinal);
        var report = new ImportReport(
            [.. references.Select(r => r with { AlreadyInCollection = r.Matched && !addedIds.Contains(r.PaperId!) })],
            addedIds.Count);
        logger.LogInformation("Imported {Added} papers into collection {CollectionId} ({Unmatched} references unmatched)", report.Added, collectionId, report.Unmatched.Count());
        return new Outcome<ImportReport>(Outcome.Ok, report);
    }

    public static readonly Outcome TooLarge = new(StatusCodes.Status413PayloadTooLarge, "File too large", $"Reference files can be at most {ReferenceFile.MaxBytes / (1024 * 1024)} MB.");

    private async Task<List<ImportedReference>> MatchAsync(IReadOnlyList<ReferenceEntry> entries, bool fetch, CancellationToken cancellationToken)
    {
        var byArxiv = (await catalog.FindManyAsync([.. entries.Select(e => e.ArxivId).OfType<string>().Distinct(StringComparer.Ordinal)], cancellationToken))
            .ToDictionary(p => p.Id, StringComparer.Ordinal);
        var dois = entries.Where(e => e.Doi is not null && (e.ArxivId is null || !byArxiv.ContainsKey(e.ArxivId))).Select(e => e.Doi!).Distinct(StringComparer.Ordinal).ToList();
        var byDoi = dois.Count == 0 ? [] : (await db.Papers.AsNoTracking()
                .Where(p => p.Doi != null && dois.Contains(p.Doi.ToLower()))
                .Select(p => new { p.Id, p.Title, p.Doi })
                .ToListAsync(cancellationToken))
            .GroupBy(p => p.Doi!.ToLowerInvariant()).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Title), StringComparer.Ordinal);

        var references = new List<ImportedReference>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.ArxivId is { } arxivId && byArxiv.TryGetValue(arxivId, out var paper))
            {
                references.Add(new(entry, ImportMatch.ArxivId, paper.Id, paper.Title, false));
            }
            else if (entry.Doi is { } doi && byDoi.TryGetValue(doi, out var found))
            {
                references.Add(new(entry, ImportMatch.Doi, found.Id, found.Title, false));
            }
            else if (entry.Title is { } title && await FindByTitleAsync(title, cancellationToken) is { } same)
            {
                references.Add(new(entry, ImportMatch.Title, same.Id, same.Title, false));
            }
            else
            {
                references.Add(new(entry, ImportMatch.NotFound, null, null, false));
            }
        }

        return fetch ? await FetchMissingAsync(references, cancellationToken) : references;
    }

    /// <summary>The one catalog paper whose title is the same as <paramref name="title"/> once normalized; none when several are.</summary>
    private async Task<(string Id, string Title)?> FindByTitleAsync(string title, CancellationToken cancellationToken)
    {
        var key = ArxivTitleMatch.Normalize(title);
        // The catalog keeps titles as written; its two longest words narrow the scan to a handful of candidates.
        var words = key.Split(' ').Where(w => w.Length >= 3 && w.All(char.IsAsciiLetterOrDigit)).OrderByDescending(w => w.Length).Take(2).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var query = db.Papers.AsNoTracking();
        foreach (var word in words)
        {
#pragma warning disable CA1862 // Translated to SQL (lower(title) LIKE …) on both providers; the StringComparison overload is not.
            query = query.Where(p => p.Title.ToLower().Contains(word));
#pragma warning restore CA1862
        }

        var candidates = await query.Select(p => new { p.Id, p.Title }).Take(50).ToListAsync(cancellationToken);
        var same = candidates.Where(c => ArxivTitleMatch.Normalize(c.Title) == key).ToList();
        return same.Count == 1 ? (same[0].Id, same[0].Title) : null;
    }

    private async Task<List<ImportedReference>> FetchMissingAsync(List<ImportedReference> references, CancellationToken cancellationToken)
    {
        var wanted = references.Where(r => !r.Matched && r.Entry.ArxivId is not null).Select(r => r.Entry.ArxivId!).Distinct(StringComparer.Ordinal).Take(MaxFetched).ToList();
        if (wanted.Count == 0)
        {
            return references;
        }

        IReadOnlyList<Paper> fetched;
        using var timeout = new CancellationTokenSource(ArxivTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            fetched = await arxiv.FetchByIdsAsync(wanted, linked.Token);
        }
        catch (Exception error) when (error is InvalidInputException or HttpRequestException
            || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The client already retried politely; the rest of the import goes ahead and lists these as not fetched.
            logger.LogWarning("Could not fetch {Count} papers from arXiv for an import: {Problem}", wanted.Count, error.Message);
            return [.. references.Select(r => !r.Matched && r.Entry.ArxivId is { } id && wanted.Contains(id) ? r with { Match = ImportMatch.ArxivUnavailable } : r)];
        }

        if (fetched.Count > 0)
        {
            await writer.UpsertAsync(fetched, mirrorsFeed: false, cancellationToken);
        }

        var byId = fetched.ToDictionary(p => p.Id, StringComparer.Ordinal);
        return [.. references.Select(r =>
            r.Matched || r.Entry.ArxivId is not { } id || !wanted.Contains(id) ? r
            : byId.TryGetValue(id, out var paper) ? r with { Match = ImportMatch.FetchedFromArxiv, PaperId = paper.Id, PaperTitle = paper.Title }
            : r with { Match = ImportMatch.NotOnArxiv })];
    }
}
