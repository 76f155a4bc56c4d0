using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.ArxivApi;

/// <summary>
/// <c>paperwire harvest api</c>: pages through the arXiv Atom API with <c>start</c>/<c>max_results</c> up to the
/// request's maximum, upserting each page. Also looks up a single paper for "submit a paper the catalog lacks".
/// </summary>
public sealed class ArxivApiHarvester(ArxivHttpClient http, ImportPipeline pipeline, IOptions<ArxivOptions> options)
{
    /// <summary>arXiv asks for slices of at most this many results per request.</summary>
    public const int MaxPageSize = 2000;

    public async Task<ImportSummary> HarvestAsync(ArxivApiRequest request, ImportOptions importOptions, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        request.Validate();
        var endpoint = Endpoint(request.BaseUrl);
        var pageSize = Math.Clamp(options.Value.ApiPageSize, 1, MaxPageSize);
        var limit = request.Ids is { Count: > 0 } ids ? Math.Min(request.Max, ids.Count) : request.Max;
        var summary = new ImportSummary();
        var start = 0;
        while (start < limit)
        {
            var url = request.Page(endpoint, start, Math.Min(pageSize, limit - start));
            var page = AtomFeedParser.Parse(await http.GetXmlAsync(url, endpoint, cancellationToken), url);
            if (page.TotalResults is { } total && total < limit)
            {
                limit = (int)total;
            }

            // A server that answers with more than it was asked for does not push the harvest past --max.
            var entries = page.Entries.Take(limit - start).ToList();
            long done = start;
            var records = entries.Select(entry =>
            {
                done++;
                return Map(entry);
            });
            await pipeline.RunAsync(records.ToAsyncEnumerable(), importOptions, summary, () => (done, limit, "records"), progress, cancellationToken);
            if (entries.Count == 0)
            {
                break;
            }

            start += entries.Count;
        }

        return summary;
    }

    /// <summary>
    /// The paper with <paramref name="idOrUrl"/> (<c>2501.00001</c>, <c>2501.00001v2</c>, <c>arXiv:…</c> or an
    /// arxiv.org abs/pdf address) as arXiv describes it now, or null when arXiv has no such paper. Nothing is stored.
    /// </summary>
    public async Task<Paper?> FetchByIdAsync(string idOrUrl, CancellationToken cancellationToken)
    {
        var id = ArxivIdInput.Parse(idOrUrl);
        var endpoint = Endpoint(null);
        var url = new ArxivApiRequest(null, [id], 1).Page(endpoint, 0, 1);
        var page = AtomFeedParser.Parse(await http.GetXmlAsync(url, endpoint, cancellationToken), url);
        return page.Entries.Select(Map).Select(parsed => parsed.Paper).FirstOrDefault(paper => paper?.Id == id);
    }

    /// <summary>
    /// The papers with these arXiv ids (catalog ids, no version) as arXiv describes them now, in one request; ids arXiv
    /// does not know are missing from the answer. Nothing is stored.
    /// </summary>
    public async Task<IReadOnlyList<Paper>> FetchByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var endpoint = Endpoint(null);
        var url = new ArxivApiRequest(null, ids, ids.Count).Page(endpoint, 0, ids.Count);
        var page = AtomFeedParser.Parse(await http.GetXmlAsync(url, endpoint, cancellationToken), url);
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return [.. page.Entries.Select(Map).Select(parsed => parsed.Paper).OfType<Paper>().Where(paper => wanted.Contains(paper.Id)).DistinctBy(paper => paper.Id)];
    }

    /// <summary>
    /// arXiv's papers whose title contains <paramref name="title"/> as a phrase (<see cref="ArxivTitleMatch.Query"/>),
    /// most relevant first, at most <see cref="ArxivTitleMatch.MaxResults"/>. Nothing is stored.
    /// </summary>
    public async Task<IReadOnlyList<Paper>> SearchTitleAsync(string title, CancellationToken cancellationToken)
    {
        if (ArxivTitleMatch.Query(title) is not { } query)
        {
            return [];
        }

        var endpoint = Endpoint(null);
        var url = endpoint.WithQuery($"search_query={Uri.EscapeDataString(query)}&start=0&max_results={ArxivTitleMatch.MaxResults}");
        var page = AtomFeedParser.Parse(await http.GetXmlAsync(url, endpoint, cancellationToken), url);
        return [.. page.Entries.Select(Map).Select(parsed => parsed.Paper).OfType<Paper>()];
    }

    private ArxivEndpoint Endpoint(string? overrideUrl) =>
        ArxivEndpoint.Resolve(overrideUrl, options.Value.ApiBaseUrl, $"{ArxivOptions.Section}:ApiBaseUrl");

    private static ParsedRecord Map(AtomEntry entry)
    {
        var parsed = ArxivRecordMapper.Map(entry.Record, entry.Where);
        if (!entry.ListsVersions && parsed.Paper is { } paper)
        {
            // One stand-in version would overwrite the full list an arXivRaw harvest or the snapshot stored.
            paper.Versions = [];
        }

        return parsed;
    }
}
