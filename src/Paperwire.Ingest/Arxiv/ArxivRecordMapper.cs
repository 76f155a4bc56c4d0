using System.Globalization;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Arxiv;

/// <summary>Validates and normalizes an <see cref="ArxivRecord"/> into a catalog <see cref="Paper"/>.</summary>
public static class ArxivRecordMapper
{
    public const int MaxTitleLength = 1000;
    public const int MaxAbstractLength = 20_000;
    public const int MaxAuthors = 5000;

    public static ParsedRecord Map(ArxivRecord record, string where)
    {
        if (!PaperId.TryNormalize(record.Id, out var id) || !id.Contains('.', StringComparison.Ordinal) && !id.Contains('/', StringComparison.Ordinal))
        {
            return ParsedRecord.Reject(where, $"invalid arXiv id '{Shorten(record.Id)}'");
        }

        var title = Text.NormalizeWhitespace(record.Title ?? "");
        if (title.Length == 0)
        {
            return ParsedRecord.Reject(id, "title is empty");
        }

        if (title.Length > MaxTitleLength)
        {
            return ParsedRecord.Reject(id, $"title longer than {MaxTitleLength:N0} characters");
        }

        var summary = Text.NormalizeWhitespace(record.Abstract ?? "");
        if (summary.Length > MaxAbstractLength)
        {
            return ParsedRecord.Reject(id, $"abstract longer than {MaxAbstractLength:N0} characters");
        }

        if (record.Authors.Count > MaxAuthors)
        {
            return ParsedRecord.Reject(id, $"more than {MaxAuthors:N0} authors");
        }

        if (record.Categories.FirstOrDefault(c => !ArxivCategories.IsKnown(c)) is { } unknown)
        {
            return ParsedRecord.Reject(id, $"unknown category '{Shorten(unknown)}'");
        }

        var comments = NullIfBlank(record.Comments);
        var journalRef = NullIfBlank(record.JournalRef);
        // The raw abstract: its line breaks tell where an address was broken over two lines.
        var links = PaperLinksFinder.Find(record.Abstract, comments, journalRef);
        var versions = record.Versions.Order().Select((date, i) => new PaperVersion { Number = i + 1, CreatedAt = date.ToUniversalTime() }).ToList();
        var paper = new Paper
        {
            Id = id,
            Title = title,
            Summary = summary,
            Authors = [.. record.Authors.Select(Text.NormalizeWhitespace).Where(n => n.Length > 0).Select(n => new PaperAuthor { Name = n })],
            Categories = [.. record.Categories],
            Versions = versions,
            PublishedAt = versions.Count > 0 ? versions[0].CreatedAt : DateFromId(id) ?? record.UpdatedAt ?? DateTimeOffset.UnixEpoch,
            UpdatedAt = versions.Count > 1 ? versions[^1].CreatedAt : record.UpdatedAt,
            License = NullIfBlank(record.License),
            Doi = NullIfBlank(record.Doi),
            JournalRef = journalRef,
            Comments = comments,
            Withdrawn = record.Withdrawn || Withdrawal.IsWithdrawn(summary, comments),
            GithubRepo = links.GithubRepo,
            GitlabRepo = links.GitlabRepo,
            HuggingFaceLinks = [.. links.HuggingFace],
            ProjectPage = links.ProjectPage,
        };
        paper.AuthorCount = paper.Authors.Count;
        return ParsedRecord.Accept(paper);
    }

    /// <summary>
    /// The month an arXiv id was assigned (<c>2504.05299</c> → April 2025, <c>hep-th/9901001</c> → January 1999):
    /// the best paper date when a source gives no versions.
    /// </summary>
    public static DateTimeOffset? DateFromId(string id)
    {
        var digits = id.Contains('/', StringComparison.Ordinal) ? id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..] : id;
        if (digits.Length < 4 || !int.TryParse(digits.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var yy)
            || !int.TryParse(digits.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
        {
            return null;
        }

        var year = yy >= 91 ? 1900 + yy : 2000 + yy;
        return new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private static string? NullIfBlank(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Text.NormalizeWhitespace(text);

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
