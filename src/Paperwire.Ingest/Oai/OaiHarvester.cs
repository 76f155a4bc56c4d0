using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest.Oai;

/// <summary>
/// <c>paperwire harvest oai</c>: ListRecords page by page, following resumption tokens, each page upserted and
/// then checkpointed. A harvest killed at any point resumes at the page after the last checkpoint when it runs
/// again with the same parameters; a page stored but not yet checkpointed is fetched and upserted again, which
/// changes nothing. A completed harvest run again starts from the first page.
/// </summary>
public sealed class OaiHarvester(
    ArxivHttpClient http,
    ImportPipeline pipeline,
    HarvestCheckpoints checkpoints,
    PaperwireDbContext db,
    IOptions<ArxivOptions> options,
    ILogger<OaiHarvester> logger)
{
    public async Task<ImportSummary> HarvestAsync(OaiHarvestRequest request, ImportOptions importOptions, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        request.Validate();
        var endpoint = ArxivEndpoint.Resolve(request.BaseUrl, options.Value.OaiBaseUrl, $"{ArxivOptions.Section}:OaiBaseUrl");
        var key = request.CheckpointKey;
        var stored = await checkpoints.FindAsync(key, cancellationToken);
        var state = stored is { Completed: false, ResumptionToken: not null } ? stored : new HarvestCheckpoint { Key = key };
        var resuming = state.ResumptionToken is not null;
        if (resuming)
        {
            logger.LogInformation("Resuming harvest {Key} after page {Pages} ({Records} records done)", key, state.PagesDone, state.RecordsDone);
        }

        var summary = new ImportSummary();
        long? total = null;
        while (true)
        {
            var url = state.ResumptionToken is { } token ? OaiHarvestRequest.NextPage(endpoint, token) : request.FirstPage(endpoint);
            var page = OaiPageParser.Parse(await FetchAsync(url, endpoint, state, cancellationToken), url);
            if (page.Error is { } error)
            {
                if (error.Code == "badResumptionToken" && resuming)
                {
                    // Tokens expire; every page is idempotent, so harvesting again from the start loses nothing.
                    logger.LogWarning("The stored resumption token of {Key} is no longer accepted ({Message}); starting again from the first page", key, error.Message);
                    state = new HarvestCheckpoint { Key = key };
                    resuming = false;
                    continue;
                }

                throw new InvalidInputException($"arXiv OAI-PMH refused the request ({error.Code}): {error.Message}");
            }

            if (page.ResumptionToken is { } next && next == state.ResumptionToken)
            {
                throw new InvalidInputException($"{url}: the repository answered with the same resumption token again; stopping instead of looping.");
            }

            resuming = false;
            total = page.CompleteListSize ?? total;
            long done = state.RecordsDone;
            var records = (await ResolveAsync(page, cancellationToken)).Select(record =>
            {
                done++;
                return record;
            });
            await pipeline.RunAsync(records.ToAsyncEnumerable(), importOptions, summary, () => (done, total, "records"), progress, cancellationToken);

            state = new HarvestCheckpoint
            {
                Key = key,
                ResumptionToken = page.ResumptionToken,
                PagesDone = state.PagesDone + 1,
                RecordsDone = state.RecordsDone + page.Records.Count,
                Completed = page.ResumptionToken is null,
            };
            await checkpoints.SaveAsync(state, cancellationToken);
            if (state.Completed)
            {
                return summary;
            }
        }
    }

    private async Task<XDocument> FetchAsync(Uri url, ArxivEndpoint endpoint, HarvestCheckpoint state, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetXmlAsync(url, endpoint, cancellationToken);
        }
        catch (InvalidInputException error) when (state.PagesDone > 0)
        {
            throw new InvalidInputException($"{error.Message} The {state.PagesDone:N0} page(s) before it are stored: run the same command again to resume from there.");
        }
    }

    /// <summary>Maps every record; a deleted record withdraws the paper when the catalog has it.</summary>
    private async Task<List<ParsedRecord>> ResolveAsync(OaiPage page, CancellationToken cancellationToken)
    {
        var deleted = page.Records.Where(r => r.Deleted).Select(r => PaperId.TryNormalize(r.Record.Id, out var id) ? id : null).OfType<string>().ToList();
        var known = deleted.Count == 0
            ? []
            : await db.Papers.AsNoTracking().Where(p => deleted.Contains(p.Id)).Select(p => p.Id).ToHashSetAsync(cancellationToken);
        return [.. page.Records.Select(record => record.Deleted ? Withdraw(record, known) : Map(record))];
    }

    private static ParsedRecord Map(OaiRecord record)
    {
        var parsed = ArxivRecordMapper.Map(record.Record, record.Where);
        if (!record.ListsVersions && parsed.Paper is { } paper)
        {
            // One stand-in version would overwrite the full list an arXivRaw harvest or the snapshot stored.
            paper.Versions = [];
        }

        return parsed;
    }

    /// <summary>
    /// A deleted record has no metadata, so it cannot become a paper of its own. For a paper the catalog has, it
    /// becomes a marker that the writer merges like any record: an empty title, no authors and no dates leave the
    /// stored fields as they are, and <see cref="Paper.Withdrawn"/> is set. Otherwise it is rejected.
    /// </summary>
    private static ParsedRecord Withdraw(OaiRecord record, HashSet<string> known) =>
        PaperId.TryNormalize(record.Record.Id, out var id) && known.Contains(id)
            ? ParsedRecord.Accept(new Paper { Id = id, Title = "", Summary = "", Withdrawn = true })
            : ParsedRecord.Reject(record.Where, "deleted record");
}
