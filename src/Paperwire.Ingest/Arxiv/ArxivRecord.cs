namespace Paperwire.Ingest.Arxiv;

/// <summary>
/// One arXiv record as any arXiv source gives it (snapshot, OAI-PMH arXiv/arXivRaw, the Atom API), before
/// validation. <see cref="ArxivRecordMapper"/> turns it into a catalog paper or a rejection.
/// </summary>
public sealed class ArxivRecord
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Abstract { get; set; }

    /// <summary>Author names in byline order ("Ada Lovelace").</summary>
    public List<string> Authors { get; set; } = [];

    /// <summary>Category codes, primary first.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Version dates, v1 first.</summary>
    public List<DateTimeOffset> Versions { get; set; } = [];

    /// <summary>A "last updated" date when the source has one but no versions (snapshot <c>update_date</c>).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public string? License { get; set; }

    public string? Doi { get; set; }

    public string? JournalRef { get; set; }

    public string? Comments { get; set; }

    /// <summary>Set when the source itself says the record is deleted or withdrawn (OAI deleted status).</summary>
    public bool Withdrawn { get; set; }
}
