namespace Paperwire.Core.Community;

/// <summary>A comment on a paper, or a reply to one (one level deep).</summary>
public sealed class Comment
{
    public long Id { get; set; }

    public required string PaperId { get; set; }

    /// <summary>The author; null once the author deleted their account and chose to keep their comments.</summary>
    public string? UserId { get; set; }

    /// <summary>The author's user name when written (user names do not change); null with <see cref="UserId"/>.</summary>
    public string? UserName { get; set; }

    /// <summary>Kept, but its author deleted their account: shown as "deleted user".</summary>
    public bool ByDeletedUser => UserId is null;

    /// <summary>The comment replied to; always a top-level comment.</summary>
    public long? ParentId { get; set; }

    /// <summary>What the author wrote.</summary>
    public required string Markdown { get; set; }

    /// <summary>The Markdown rendered and sanitized when written, so pages never render untrusted HTML.</summary>
    public required string Html { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>Deleted by its author: the text is gone, replies stay.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Hidden by a moderator.</summary>
    public DateTimeOffset? HiddenAt { get; set; }

    public string? HiddenBy { get; set; }

    public bool IsVisible => DeletedAt is null && HiddenAt is null;
}
