using Paperwire.Core.Papers;

namespace Paperwire.Community.Submissions;

/// <summary>What a submitter asks for: the paper (id or address), an optional first comment and organization.</summary>
public sealed record SubmissionRequest(string? Paper, string? Comment, string? Organization);

/// <summary>
/// Why a submission was refused, for people (<paramref name="Detail"/>) and clients (<paramref name="Status"/>,
/// <paramref name="RetryAfter"/>); nothing was changed.
/// </summary>
public sealed record SubmissionRefusal(int Status, string Title, string Detail, TimeSpan? RetryAfter = null);

/// <summary>The feed entry (loaded with its paper) of an accepted submission, or the refusal.</summary>
public sealed record SubmissionOutcome(FeedEntry? Entry, SubmissionRefusal? Refusal)
{
    public static SubmissionOutcome Accepted(FeedEntry entry) => new(entry, null);

    public static SubmissionOutcome Refused(int status, string title, string detail, TimeSpan? retryAfter = null) =>
        new(null, new SubmissionRefusal(status, title, detail, retryAfter));
}
