using System.Globalization;
using System.Text;
using System.Text.Json;
using Paperwire.Core;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.HuggingFace;

/// <summary>A value left out of an imported paper (an organization or submitter whose name is not a valid handle).</summary>
public sealed record HfDroppedValue(string Where, string Field, string Value);

/// <summary>
/// Turns one Hugging Face daily-papers item into a catalog paper with its feed entry, or a rejection; never throws
/// on bad data. Comment counts are not imported: comments arrive with the community module, and a count without
/// the comments would only be a number nobody can open.
/// </summary>
public static class HfItemMapper
{
    public const int MaxUrlLength = 500;
    public const int MaxKeywords = 100;
    public const int MaxKeywordLength = 200;
    private const int MaxFullNameLength = 300;

    /// <param name="where">Where the item came from, e.g. <c>item 17</c>, for rejections and warnings.</param>
    /// <param name="warn">
    /// Told about data dropped from an imported paper: an organization or submitter whose name is not a valid
    /// handle. The paper is still imported, without it, because the paper and its feed date are what a mirror is for.
    /// </param>
    public static ParsedRecord Map(JsonElement element, string where, Action<HfDroppedValue>? warn = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return ParsedRecord.Reject(where, "item is not a JSON object");
        }

        HfFeedItem item;
        try
        {
            item = element.Deserialize<HfFeedItem>()!;
        }
        catch (JsonException error)
        {
            // A wrong type is an InvalidOperationException inside too; only bad UTF-8 carries a DecoderFallbackException.
            var problem = error.InnerException?.InnerException is DecoderFallbackException ? "is not valid UTF-8" : "has the wrong type";
            return ParsedRecord.Reject(WithId(where, element), $"malformed item: {error.Path ?? "$"} {problem}");
        }
        catch (InvalidOperationException)
        {
            // Text that is not valid UTF-8 cannot become a string.
            return ParsedRecord.Reject(WithId(where, element), "malformed item: text is not valid UTF-8");
        }

        return Map(item, where, warn ?? (_ => { }));
    }

    private static ParsedRecord Map(HfFeedItem item, string where, Action<HfDroppedValue> warn)
    {
        if (item.Paper is not { } source)
        {
            return ParsedRecord.Reject(where, "no paper object");
        }

        if (!PaperId.TryNormalize(source.Id, out var id))
        {
            return ParsedRecord.Reject(where, $"invalid paper id '{Shorten(source.Id)}'");
        }

        where = $"{where} ({id})";
        var title = Text.NormalizeWhitespace(source.Title ?? item.Title ?? "");
        if (title.Length == 0)
        {
            return ParsedRecord.Reject(where, "title is empty");
        }

        if (title.Length > ArxivRecordMapper.MaxTitleLength)
        {
            return ParsedRecord.Reject(where, $"title longer than {ArxivRecordMapper.MaxTitleLength:N0} characters");
        }

        var summary = Text.NormalizeWhitespace(source.Summary ?? item.Summary ?? "");
        if (summary.Length > ArxivRecordMapper.MaxAbstractLength)
        {
            return ParsedRecord.Reject(where, $"summary longer than {ArxivRecordMapper.MaxAbstractLength:N0} characters");
        }

        var authors = (source.Authors ?? [])
            .Select(a => (Name: Text.NormalizeWhitespace(a?.Name ?? ""), Hidden: a?.Hidden ?? false))
            .Where(a => a.Name.Length > 0)
            .Select(a => new PaperAuthor { Name = a.Name, Hidden = a.Hidden })
            .ToList();
        if (authors.Count > ArxivRecordMapper.MaxAuthors)
        {
            return ParsedRecord.Reject(where, $"more than {ArxivRecordMapper.MaxAuthors:N0} authors");
        }

        if (source.Upvotes < 0)
        {
            return ParsedRecord.Reject(where, "upvotes is negative");
        }

        if (!TryParseTimestamp(item.PublishedAt, out var feedTimestamp) || !TryParseTimestamp(source.SubmittedOnDailyAt, out var submittedAt)
            || !TryParseTimestamp(source.PublishedAt, out var publishedAt))
        {
            return ParsedRecord.Reject(where, "a timestamp (publishedAt or submittedOnDailyAt) is not ISO 8601");
        }

        // The feed day: Paperwire's own feedDate when another Paperwire sent one, else the UTC day of the top-level
        // publishedAt (when the paper entered the feed); an item without one still entered the feed when it was submitted.
        DateOnly feedDate;
        if (item.FeedDate is not null)
        {
            if (!DateOnly.TryParseExact(item.FeedDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out feedDate))
            {
                return ParsedRecord.Reject(where, $"feedDate '{Shorten(item.FeedDate)}' is not YYYY-MM-DD");
            }
        }
        else if ((feedTimestamp ?? submittedAt) is { } feedMoment)
        {
            feedDate = DateOnly.FromDateTime(feedMoment.UtcDateTime);
        }
        else
        {
            return ParsedRecord.Reject(where, "no feed date (top-level publishedAt)");
        }

        var feedMidnight = new DateTimeOffset(feedDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var paper = new Paper
        {
            Id = id,
            Title = title,
            Summary = summary,
            Authors = authors,
            AuthorCount = authors.Count,
            PublishedAt = publishedAt ?? ArxivRecordMapper.DateFromId(id) ?? feedMidnight,
            Upvotes = source.Upvotes ?? 0,
            GithubRepo = WebAddress(source.GithubRepo),
            GithubStars = source.GithubStars is >= 0 ? source.GithubStars : null,
            ProjectPage = WebAddress(source.ProjectPage),
            AiSummary = string.IsNullOrWhiteSpace(source.AiSummary) || source.AiSummary.Length > ArxivRecordMapper.MaxAbstractLength
                ? null
                : Text.NormalizeWhitespace(source.AiSummary),
            AiKeywords = [.. (source.AiKeywords ?? [])
                .Select(k => Text.NormalizeWhitespace(k ?? ""))
                .Where(k => k.Length is > 0 and <= MaxKeywordLength)
                .Distinct(StringComparer.Ordinal)
                .Take(MaxKeywords)],
            Organization = ToOrganization(source.Organization ?? item.Organization, where, warn),
        };
        paper.FeedEntry = new FeedEntry
        {
            PaperId = id,
            FeedDate = feedDate,
            SubmittedAt = submittedAt ?? feedMidnight,
            SubmittedBy = ToSubmitter(item.SubmittedBy ?? source.SubmittedOnDailyBy, where, warn),
        };
        return ParsedRecord.Accept(paper);
    }

    private static Organization? ToOrganization(HfFeedOrganization? organization, string where, Action<HfDroppedValue> warn)
    {
        if (organization?.Name is not { } name)
        {
            return null;
        }

        if (!Handle.IsValid(name))
        {
            warn(new HfDroppedValue(where, "organization", Shorten(name)));
            return null;
        }

        var fullName = Text.NormalizeWhitespace(organization.FullName ?? "");
        return new Organization
        {
            Name = name,
            FullName = fullName.Length is > 0 and <= MaxFullNameLength ? fullName : name,
            AvatarUrl = WebAddress(organization.Avatar),
        };
    }

    private static string? ToSubmitter(HfFeedUser? user, string where, Action<HfDroppedValue> warn)
    {
        if ((user?.Name ?? user?.User) is not { } name)
        {
            return null;
        }

        if (!Handle.IsValid(name))
        {
            warn(new HfDroppedValue(where, "submitter", Shorten(name)));
            return null;
        }

        return name;
    }

    /// <summary>Only absolute http(s) addresses become links on paper pages; anything else is dropped.</summary>
    private static string? WebAddress(string? text) =>
        text is { Length: > 0 and <= MaxUrlLength }
        && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? text.Trim()
            : null;

    /// <summary>Null text is a missing timestamp (true, null); text that is not a timestamp is false.</summary>
    private static bool TryParseTimestamp(string? text, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        if (text is null)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        timestamp = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>The raw <c>paper.id</c> of an item, without deserializing the rest of it; null when it has none.</summary>
    internal static string? PaperIdOf(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("paper", out var paper) || paper.ValueKind != JsonValueKind.Object
            || !paper.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return id.GetString();
        }
        catch (InvalidOperationException)
        {
            // An id that is not valid UTF-8 (found by fuzzing): the item is rejected elsewhere, not this import.
            return null;
        }
    }

    private static string WithId(string where, JsonElement item) =>
        PaperIdOf(item) is { Length: > 0 } id && PaperId.TryNormalize(id, out var normalized) ? $"{where} ({normalized})" : where;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
