using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.ArxivApi;

/// <summary>One page of the arXiv API: its entries and how many results the whole query has.</summary>
public sealed record AtomPage(IReadOnlyList<AtomEntry> Entries, long? TotalResults);

/// <summary>
/// One entry as an <see cref="ArxivRecord"/>. <paramref name="ListsVersions"/> is true only for a first version:
/// the API gives the first and latest dates, not the versions in between.
/// </summary>
public sealed record AtomEntry(string Where, ArxivRecord Record, bool ListsVersions);

/// <summary>Reads the Atom 1.0 feed the arXiv API answers with (OpenSearch counts, arxiv: extension elements).</summary>
public static partial class AtomFeedParser
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";
    public static readonly XNamespace Arxiv = "http://arxiv.org/schemas/atom";

    /// <summary>The API reports a bad query as an entry with this id (plus a fragment naming the error).</summary>
    public const string ErrorId = "arxiv.org/api/errors";

    public static AtomPage Parse(XDocument document, Uri url)
    {
        if (document.Root?.Name != Atom + "feed")
        {
            throw new InvalidInputException($"{url} did not answer with an Atom feed (its XML starts with <{document.Root?.Name.LocalName}>). Is it the arXiv API, like https://export.arxiv.org/api/query?");
        }

        var entries = document.Root.Elements(Atom + "entry").ToList();
        if (entries.FirstOrDefault(IsError) is { } error)
        {
            throw new InvalidInputException($"The arXiv API refused the request: {Ingest.Text.NormalizeWhitespace(Text(error, Atom + "summary") ?? "no reason given")}");
        }

        var total = long.TryParse(Text(document.Root, OpenSearch + "totalResults")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : (long?)null;
        return new AtomPage([.. entries.Select(ReadEntry)], total);
    }

    private static bool IsError(XElement entry) =>
        Text(entry, Atom + "id") is { } id && id.Contains(ErrorId, StringComparison.OrdinalIgnoreCase);

    private static AtomEntry ReadEntry(XElement entry)
    {
        var where = Text(entry, Atom + "id")?.Trim() ?? "an entry without an id";
        var (id, version) = IdFromUrl(where);
        var published = ParseDate(Text(entry, Atom + "published"));
        var updated = ParseDate(Text(entry, Atom + "updated"));
        var primary = (string?)entry.Element(Arxiv + "primary_category")?.Attribute("term");
        var terms = entry.Elements(Atom + "category").Select(c => (string?)c.Attribute("term")).OfType<string>();
        var record = new ArxivRecord
        {
            Id = id,
            Title = Text(entry, Atom + "title"),
            Abstract = Text(entry, Atom + "summary"),
            Authors = [.. entry.Elements(Atom + "author").Select(a => Text(a, Atom + "name") ?? "").Where(n => !string.IsNullOrWhiteSpace(n))],
            Categories = [.. new[] { primary }.Concat(terms).OfType<string>().Select(t => t.Trim()).Where(IsArxivCategory).Distinct(StringComparer.Ordinal)],
            // The first version's date stands in as the only "version" so the mapper dates the paper; see ListsVersions.
            Versions = published is { } v1 ? [v1] : [],
            UpdatedAt = version > 1 ? updated : null,
            Doi = Text(entry, Arxiv + "doi") ?? DoiFromLink(entry),
            JournalRef = Text(entry, Arxiv + "journal_ref"),
            Comments = Text(entry, Arxiv + "comment"),
        };
        return new AtomEntry(where, record, ListsVersions: version == 1);
    }

    /// <summary><c>http://arxiv.org/abs/2501.00001v2</c> → ("2501.00001v2", 2); the mapper drops the version from the id.</summary>
    private static (string? Id, int Version) IdFromUrl(string url)
    {
        var at = url.IndexOf("/abs/", StringComparison.Ordinal);
        var id = at >= 0 ? url[(at + "/abs/".Length)..] : url;
        var match = VersionSuffix().Match(id);
        return (id, match.Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>
    /// Category terms also carry ACM (<c>I.2.7</c>) and MSC (<c>68T50</c>) classes; only arXiv categories
    /// (<c>cs.CL</c>, <c>hep-th</c>) are kept, so the mapper still rejects a misspelt arXiv one.
    /// </summary>
    private static bool IsArxivCategory(string term) => ArxivCategoryShape().IsMatch(term);

    private static string? DoiFromLink(XElement entry) =>
        entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("title") == "doi") is { } link
        && Uri.TryCreate((string?)link.Attribute("href"), UriKind.Absolute, out var href)
            ? Uri.UnescapeDataString(href.AbsolutePath.TrimStart('/'))
            : null;

    private static DateTimeOffset? ParseDate(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUniversalTime() : null;

    private static string? Text(XElement parent, XName name) => parent.Element(name)?.Value;

    [GeneratedRegex(@"v(?<n>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSuffix();

    [GeneratedRegex(@"^[a-z][a-z\-]*(?:\.[A-Za-z\-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ArxivCategoryShape();
}
