using System.Globalization;
using System.Text.Json;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Snapshot;

/// <summary>Turns one snapshot line into a paper or a rejection, never throwing on bad data.</summary>
public static class SnapshotParser
{
    private static readonly string[] VersionDateFormats = ["ddd, d MMM yyyy HH:mm:ss 'GMT'", "ddd, dd MMM yyyy HH:mm:ss 'GMT'"];

    public static ParsedRecord Parse(string line, long lineNumber)
    {
        var where = $"line {lineNumber}";
        SnapshotRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<SnapshotRecord>(line);
        }
        catch (JsonException error)
        {
            return ParsedRecord.Reject(where, $"malformed JSON ({error.Message.Split('.')[0]})");
        }

        if (record is null)
        {
            return ParsedRecord.Reject(where, "malformed JSON (not an object)");
        }

        return ArxivRecordMapper.Map(ToArxivRecord(record), record.Id is null ? where : $"{where} ({record.Id})");
    }

    private static ArxivRecord ToArxivRecord(SnapshotRecord record) => new()
    {
        Id = record.Id,
        Title = record.Title,
        Abstract = record.Abstract,
        Authors = record.AuthorsParsed is { Count: > 0 } parsed ? [.. parsed.Select(FullName)] : SplitAuthors(record.Authors),
        Categories = [.. (record.Categories ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)],
        Versions = [.. (record.Versions ?? []).Select(v => ParseVersionDate(v.Created)).OfType<DateTimeOffset>()],
        UpdatedAt = DateOnly.TryParseExact(record.UpdateDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var updated)
            ? new DateTimeOffset(updated.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null,
        License = record.License,
        Doi = record.Doi,
        JournalRef = record.JournalRef,
        Comments = record.Comments,
    };

    /// <summary><c>["Kumar", "B. R. Vinay", ""]</c> → "B. R. Vinay Kumar"; a suffix ("Jr") goes last.</summary>
    private static string FullName(List<string> parts)
    {
        var last = parts.ElementAtOrDefault(0) ?? "";
        var first = parts.ElementAtOrDefault(1) ?? "";
        var suffix = parts.ElementAtOrDefault(2) ?? "";
        return string.Join(' ', new[] { first, last, suffix }.Where(p => p.Length > 0));
    }

    private static List<string> SplitAuthors(string? authors) =>
        authors is null
            ? []
            : [.. authors.Replace(" and ", ", ", StringComparison.Ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static DateTimeOffset? ParseVersionDate(string? created) =>
        DateTimeOffset.TryParseExact(created, VersionDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : null;
}
