using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;

namespace Paperwire.Ingest.ArxivApi;

/// <summary>What one matching run did. <paramref name="Unreachable"/>: arXiv did not answer, and the run stopped there.</summary>
public sealed record TitleMatchSummary(int Asked, int Linked, bool Unreachable);

/// <summary>
/// Asks arXiv for every local paper's title, one request at a time at arXiv's pace (the client's rate limit), and
/// links each paper that has exactly one twin (<see cref="ArxivTitleMatch"/>) to it (<see cref="PaperAliases"/>).
/// When arXiv cannot be reached the run logs it once and stops, leaving everything as it was, for the next run.
/// </summary>
public sealed class ArxivTitleMatcher(PaperwireDbContext db, ArxivApiHarvester arxiv, PaperAliases aliases, ILogger<ArxivTitleMatcher> logger)
{
    public async Task<TitleMatchSummary> RunAsync(CancellationToken cancellationToken)
    {
        var locals = await db.Papers.AsNoTracking()
            .Where(p => p.Id.StartsWith(PaperId.LocalPrefix))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Title, p.AuthorCount, p.PublishedAt })
            .ToListAsync(cancellationToken);
        int asked = 0, linked = 0;
        foreach (var local in locals)
        {
            IReadOnlyList<Paper> results;
            try
            {
                results = await arxiv.SearchTitleAsync(local.Title, cancellationToken);
                asked++;
            }
            catch (InvalidInputException error)
            {
                // Offline, refused, timed out or 5xx after the client's retries: the next run tries again.
                logger.LogWarning("Matching papers to arXiv by title stopped: {Problem}. {Left} papers keep their local ids until the next run", error.Message, locals.Count - linked);
                return new TitleMatchSummary(asked, linked, Unreachable: true);
            }

            var paper = new Paper { Id = local.Id, Title = local.Title, Summary = "", AuthorCount = local.AuthorCount, PublishedAt = local.PublishedAt };
            var outcome = ArxivTitleMatch.Choose(paper, results);
            if (outcome.Twin is { } twin && await aliases.LinkAsync(local.Id, twin, cancellationToken))
            {
                linked++;
                logger.LogInformation("{Local} is arXiv {ArxivId}: linked, {Local} now redirects there", local.Id, twin.Id, local.Id);
            }
            else
            {
                logger.LogDebug("{Local} keeps its local id: {Reason}", local.Id, outcome.Reason);
            }
        }

        if (locals.Count > 0)
        {
            logger.LogInformation("Matched papers to arXiv by title: {Linked} of {Papers} linked", linked, locals.Count);
        }

        return new TitleMatchSummary(asked, linked, Unreachable: false);
    }
}
