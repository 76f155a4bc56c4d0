using Paperwire.Ingest.Arxiv;

namespace Paperwire.Ingest.Oai;

/// <summary>One ListRecords answer: its records, the token for the next page, or the OAI error it reported.</summary>
/// <param name="ResumptionToken">Null on the last page.</param>
/// <param name="CompleteListSize">How many records the whole list has, when the repository says.</param>
public sealed record OaiPage(IReadOnlyList<OaiRecord> Records, string? ResumptionToken, long? CompleteListSize, OaiError? Error)
{
    public static OaiPage Failed(OaiError error) => new([], null, null, error);
}

/// <summary>An OAI-PMH <c>&lt;error code="…"&gt;</c>: badArgument, badResumptionToken, cannotDisseminateFormat, …</summary>
public sealed record OaiError(string Code, string Message);

/// <summary>
/// One record of a page. <paramref name="Where"/> is its OAI identifier (<c>oai:arXiv.org:2501.00001</c>).
/// A <paramref name="Deleted"/> record has only its id. <paramref name="ListsVersions"/> is false for the arXiv
/// format, which gives the first and latest dates but not the versions in between.
/// </summary>
public sealed record OaiRecord(string Where, ArxivRecord Record, bool Deleted, bool ListsVersions);
