using System.Globalization;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Oai;

/// <summary>The two arXiv metadata formats of OAI-PMH: <c>arXiv</c> (parsed authors) and <c>arXivRaw</c> (every version's date).</summary>
public enum OaiMetadataFormat
{
    Arxiv,
    ArxivRaw,
}

/// <summary>
/// <c>paperwire harvest oai</c>: records of one <paramref name="Set"/> (e.g. <c>cs</c>, <c>physics:hep-th</c>) changed
/// between <paramref name="From"/> and <paramref name="Until"/> (inclusive, UTC days). <paramref name="BaseUrl"/>
/// overrides <c>Ingest:Arxiv:OaiBaseUrl</c>.
/// </summary>
public sealed record OaiHarvestRequest(string? Set, DateOnly? From, DateOnly? Until = null, OaiMetadataFormat Format = OaiMetadataFormat.Arxiv, string? BaseUrl = null)
{
    public const int MaxSetLength = 100;

    public string MetadataPrefix => Format == OaiMetadataFormat.ArxivRaw ? "arXivRaw" : "arXiv";

    /// <summary>The checkpoint row's key: the same parameters resume the same harvest (<c>oai|arXiv|cs|2025-01-01|</c>).</summary>
    public string CheckpointKey => $"oai|{MetadataPrefix}|{Set}|{Date(From)}|{Date(Until)}";

    public void Validate()
    {
        if (Set is { Length: > MaxSetLength } || Set is not null && Set.Any(char.IsWhiteSpace))
        {
            throw new InvalidInputException($"--set: '{Set}' is not an OAI set like cs or physics:hep-th.");
        }

        if (From is { } from && Until is { } until && until < from)
        {
            throw new InvalidInputException($"--until {Date(until)} is before --from {Date(from)}.");
        }
    }

    /// <summary>The first ListRecords request; later pages carry only the resumption token.</summary>
    public Uri FirstPage(ArxivEndpoint endpoint)
    {
        var query = $"verb=ListRecords&metadataPrefix={MetadataPrefix}";
        if (!string.IsNullOrEmpty(Set))
        {
            query += $"&set={Uri.EscapeDataString(Set)}";
        }

        if (From is { } from)
        {
            query += $"&from={Date(from)}";
        }

        if (Until is { } until)
        {
            query += $"&until={Date(until)}";
        }

        return endpoint.WithQuery(query);
    }

    public static Uri NextPage(ArxivEndpoint endpoint, string resumptionToken) =>
        endpoint.WithQuery($"verb=ListRecords&resumptionToken={Uri.EscapeDataString(resumptionToken)}");

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
