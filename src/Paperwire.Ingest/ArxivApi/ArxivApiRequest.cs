using Paperwire.Core.Papers;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.ArxivApi;

/// <summary>
/// <c>paperwire harvest api</c>: the first <paramref name="Max"/> results of an arXiv search
/// (<c>cat:cs.CL AND ti:retrieval</c>, newest first) or the papers in <paramref name="Ids"/>.
/// <paramref name="BaseUrl"/> overrides <c>Ingest:Arxiv:ApiBaseUrl</c>.
/// </summary>
public sealed record ArxivApiRequest(string? Query, IReadOnlyList<string>? Ids, int Max = ArxivApiRequest.DefaultMax, string? BaseUrl = null)
{
    public const int DefaultMax = 100;

    /// <summary>arXiv's API pages through at most this many results of one query.</summary>
    public const int MaxResults = 30_000;

    public void Validate()
    {
        var hasQuery = !string.IsNullOrWhiteSpace(Query);
        var hasIds = Ids is { Count: > 0 };
        if (hasQuery && hasIds)
        {
            throw new InvalidInputException("Give either --query or --ids, not both.");
        }

        if (!hasQuery && !hasIds)
        {
            throw new InvalidInputException("Give --query QUERY (an arXiv search) or --ids ID,ID.");
        }

        if (Max is < 1 or > MaxResults)
        {
            throw new InvalidInputException($"--max must be between 1 and {MaxResults:N0}.");
        }

        if (Ids?.FirstOrDefault(id => !IsArxivId(id)) is { } invalid)
        {
            throw new InvalidInputException($"--ids: '{invalid}' is not an arXiv id like 2501.00001 or hep-th/9901001.");
        }
    }

    /// <summary>The request for <paramref name="count"/> results from <paramref name="start"/>.</summary>
    public Uri Page(ArxivEndpoint endpoint, int start, int count)
    {
        var selection = Ids is { Count: > 0 }
            ? $"id_list={string.Join(',', Ids.Select(id => Uri.EscapeDataString(id.Trim())))}"
            // Newest first, so that --max keeps the latest papers and pages stay stable while new ones arrive.
            : $"search_query={Uri.EscapeDataString(Query!.Trim())}&sortBy=submittedDate&sortOrder=descending";
        return endpoint.WithQuery($"{selection}&start={start}&max_results={count}");
    }

    public static bool IsArxivId(string id) =>
        PaperId.TryNormalize(id, out var normalized) && !normalized.StartsWith(PaperId.LocalPrefix, StringComparison.Ordinal);
}
