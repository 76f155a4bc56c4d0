namespace Paperwire.Core.Papers;

/// <summary>A paper in the catalog: every paper Paperwire knows, in the daily feed or not.</summary>
public sealed class Paper
{
    /// <summary>arXiv id without version (<c>2504.05299</c>, <c>hep-th/9901001</c>) or a local id (<c>pw-…</c>).</summary>
    public required string Id { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    /// <summary>The byline in order (stored as JSON with the paper); may be empty when only <see cref="AuthorCount"/> is known.</summary>
    public List<PaperAuthor> Authors { get; set; } = [];

    /// <summary>How many authors the paper has, kept even when their names are unknown (the demo corpus).</summary>
    public int AuthorCount { get; set; }

    /// <summary>The paper date: the arXiv first-version date.</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The latest version's date, when known.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>arXiv versions, v1 first (the snapshot, OAI arXivRaw and the API give them).</summary>
    public List<PaperVersion> Versions { get; set; } = [];

    /// <summary>arXiv categories, primary first (<c>cs.CL</c>, <c>stat.ML</c>).</summary>
    public List<string> Categories { get; set; } = [];

    public string? License { get; set; }

    public string? Doi { get; set; }

    public string? JournalRef { get; set; }

    /// <summary>The authors' comments field (pages, venue, links).</summary>
    public string? Comments { get; set; }

    /// <summary>True when arXiv marks the paper withdrawn; it stays in the catalog but is never recommended.</summary>
    public bool Withdrawn { get; set; }

    /// <summary>
    /// Position in the catalog's change sequence: every change to a paper gives it a new, higher number,
    /// so derived data (search indexes) can follow the catalog by asking for everything after a number.
    /// </summary>
    public long ChangeSequence { get; set; }

    public string? OrganizationName { get; set; }

    public Organization? Organization { get; set; }

    public string? GithubRepo { get; set; }

    public int? GithubStars { get; set; }

    public string? ProjectPage { get; set; }

    /// <summary>A GitLab repository the paper links to (<c>https://gitlab.com/group/project</c>).</summary>
    public string? GitlabRepo { get; set; }

    /// <summary>Hugging Face models, datasets and spaces the paper links to, as canonical addresses (a few at most).</summary>
    public List<string> HuggingFaceLinks { get; set; } = [];

    public string? AiSummary { get; set; }

    public List<string> AiKeywords { get; set; } = [];

    /// <summary>Key sentence and keywords Paperwire picked from the abstract, once computed (its own table).</summary>
    public PaperGlance? Glance { get; set; }

    /// <summary>The first page of the PDF drawn small, or why it could not be (its own table; docs/thumbnails.md).</summary>
    public PaperThumbnail? Thumbnail { get; set; }

    /// <summary>Denormalized vote count, shown on every card and in the API.</summary>
    public int Upvotes { get; set; }

    /// <summary>Denormalized comment count.</summary>
    public int NumComments { get; set; }

    /// <summary>Present when the paper is in the daily feed.</summary>
    public FeedEntry? FeedEntry { get; set; }

    public bool IsArxivPaper => !Id.StartsWith(PaperId.LocalPrefix, StringComparison.Ordinal);
}
