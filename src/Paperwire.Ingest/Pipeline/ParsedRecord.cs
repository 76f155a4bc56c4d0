using Paperwire.Core.Papers;

namespace Paperwire.Ingest.Pipeline;

/// <summary>A record an importer could not use, and why: counted, reported, optionally written out.</summary>
/// <param name="Where">Where it came from: <c>line 17</c>, <c>oai:arXiv.org:2501.00001</c>, an id.</param>
public sealed record RejectedRecord(string Where, string Reason);

/// <summary>What a source yields for each record: a paper to upsert, a rejection, or a skip (filtered out).</summary>
public readonly record struct ParsedRecord(Paper? Paper, RejectedRecord? Rejected)
{
    public static ParsedRecord Accept(Paper paper) => new(paper, null);

    public static ParsedRecord Reject(string where, string reason) => new(null, new RejectedRecord(where, reason));

    /// <summary>A valid record the import's filters (categories, since) leave out.</summary>
    public static ParsedRecord Skip() => new(null, null);
}
