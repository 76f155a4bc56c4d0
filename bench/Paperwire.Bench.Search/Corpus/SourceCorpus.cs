using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Paperwire.Bench.Search.Corpus;

/// <summary>
/// The 4,269 papers of the arXiv sample and the 67 of the seed page, as the importers store them
/// (whitespace collapsed; arXiv authors from <c>authors_parsed</c>; the month from the new-style id).
/// </summary>
internal sealed partial class SourceCorpus
{
    private SourceCorpus(List<SourcePaper> papers)
    {
        Papers = papers;
        ByCategory = papers
            .Select((paper, index) => (paper, index))
            .Where(p => p.paper.Categories.Count > 0)
            .GroupBy(p => p.paper.Categories[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(p => p.index)], StringComparer.Ordinal);
    }

    public IReadOnlyList<SourcePaper> Papers { get; }

    /// <summary>Indexes of the papers whose primary category is the key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> ByCategory { get; }

    public static SourceCorpus Load(string arxivSample, string seedPage)
    {
        var papers = new List<SourcePaper>();
        foreach (var line in File.ReadLines(arxivSample))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                papers.Add(FromArxiv(JsonDocument.Parse(line).RootElement));
            }
        }

        using (var seed = File.OpenRead(seedPage))
        {
            var number = 0;
            foreach (var record in JsonDocument.Parse(seed).RootElement.EnumerateArray())
            {
                papers.Add(FromSeedPage(record, number++));
            }
        }

        return new SourceCorpus(papers);
    }

    private static SourcePaper FromArxiv(JsonElement record)
    {
        var id = record.GetProperty("id").GetString()!;
        var summary = Clean(record.GetProperty("abstract").GetString());
        var authors = record.TryGetProperty("authors_parsed", out var parsed) && parsed.ValueKind == JsonValueKind.Array
            ? parsed.EnumerateArray().Select(FullName).Where(name => name.Length > 0).ToList()
            : [];
        var categories = (record.GetProperty("categories").GetString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // New-style ids start with yymm; the day is not in the sample, so spread papers over the month.
        var month = int.Parse(id.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var year = 2000 + int.Parse(id.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var day = 1 + (int)(StableHash(id) % 28);
        return new SourcePaper(id, Clean(record.GetProperty("title").GetString()), summary, authors, categories,
            new DateOnly(year, month, day), InFeed: false, Sentences(summary));
    }

    private static SourcePaper FromSeedPage(JsonElement record, int number)
    {
        var summary = Clean(record.GetProperty("abstract").GetString());
        var date = record.TryGetProperty("publishedAt", out var published) && published.GetString() is { } text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : new DateOnly(2025, 6, 1);
        // The seed page has neither authors nor categories; its papers are in the daily feed.
        return new SourcePaper($"pw-seed-{number:D2}", Clean(record.GetProperty("title").GetString()), summary, [], [], date, InFeed: true, Sentences(summary));
    }

    private static string FullName(JsonElement parts)
    {
        var p = parts.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        var last = p.ElementAtOrDefault(0) ?? "";
        var first = p.ElementAtOrDefault(1) ?? "";
        var suffix = p.ElementAtOrDefault(2) ?? "";
        return string.Join(' ', new[] { first, last, suffix }.Where(s => s.Length > 0));
    }

    private static string Clean(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string[] Sentences(string summary) =>
        [.. SentenceEnd().Split(summary).Where(s => s.Length > 0)];

    private static ulong StableHash(string text) => System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(text));

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z(])")]
    private static partial Regex SentenceEnd();
}
