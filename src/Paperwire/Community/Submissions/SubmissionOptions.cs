namespace Paperwire.Community.Submissions;

/// <summary>
/// The rules of submitting papers to the daily feed, from the configuration section <c>Community:Submissions</c>
/// (environment: <c>Community__Submissions__DailyLimit=10</c>). Curators and admins are exempt from the daily
/// limit and the age rule.
/// </summary>
public sealed class SubmissionOptions
{
    public const string Section = "Community:Submissions";

    /// <summary>Papers one user may put into the feed per UTC day.</summary>
    public int DailyLimit { get; set; } = 5;

    /// <summary>How old (by paper date, in days) a paper may be when it is submitted.</summary>
    public int MaxPaperAgeDays { get; set; } = 14;

    /// <summary>The longest optional first comment, in characters.</summary>
    public int MaxCommentLength { get; set; } = 2_000;

    /// <summary>How long a submission waits for arXiv to describe a paper the catalog lacks before answering 503.</summary>
    public TimeSpan ArxivTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>Retry-After</c> given when arXiv could not be reached.</summary>
    public TimeSpan RetryAfterArxivFailure { get; set; } = TimeSpan.FromMinutes(2);
}
