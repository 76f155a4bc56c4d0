using System.Globalization;
using System.Xml.Linq;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Oai;

/// <summary>
/// Reads an OAI-PMH ListRecords answer in arXiv's metadata formats: <c>arXiv</c>
/// (http://arxiv.org/OAI/arXiv/) and <c>arXivRaw</c> (http://arxiv.org/OAI/arXivRaw/).
/// </summary>
public static class OaiPageParser
{
    public static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    public static readonly XNamespace ArxivFormat = "http://arxiv.org/OAI/arXiv/";
    public static readonly XNamespace ArxivRawFormat = "http://arxiv.org/OAI/arXivRaw/";

    /// <summary>OAI identifiers of arXiv records carry this prefix before the arXiv id.</summary>
    public const string IdentifierPrefix = "oai:arXiv.org:";

    private static readonly string[] VersionDateFormats = ["ddd, d MMM yyyy HH:mm:ss 'GMT'", "ddd, dd MMM yyyy HH:mm:ss 'GMT'"];

    public static OaiPage Parse(XDocument document, Uri url)
    {
        var root = document.Root;
        if (root?.Name != Oai + "OAI-PMH")
        {
            throw new InvalidInputException($"{url} did not answer with OAI-PMH (its XML starts with <{root?.Name.LocalName}>). Is it an OAI-PMH endpoint like https://oaipmh.arxiv.org/oai?");
        }

        var errors = root.Elements(Oai + "error").Select(e => new OaiError((string?)e.Attribute("code") ?? "", e.Value.Trim())).ToList();
        if (errors.Count > 0)
        {
            // noRecordsMatch is how OAI-PMH says "an empty list": a quiet day, not a failure.
            return errors.All(e => e.Code == "noRecordsMatch") ? new OaiPage([], null, 0, null) : OaiPage.Failed(errors[0]);
        }

        var list = root.Element(Oai + "ListRecords")
            ?? throw new InvalidInputException($"{url}: the OAI-PMH answer has neither <ListRecords> nor <error>.");
        var token = list.Element(Oai + "resumptionToken");
        return new OaiPage(
            [.. list.Elements(Oai + "record").Select(ReadRecord)],
            string.IsNullOrWhiteSpace(token?.Value) ? null : token.Value.Trim(),
            long.TryParse((string?)token?.Attribute("completeListSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null,
            null);
    }

    private static OaiRecord ReadRecord(XElement record)
    {
        var header = record.Element(Oai + "header");
        var identifier = header?.Element(Oai + "identifier")?.Value.Trim() ?? "";
        var idFromHeader = identifier.StartsWith(IdentifierPrefix, StringComparison.Ordinal) ? identifier[IdentifierPrefix.Length..] : identifier;
        var where = identifier.Length > 0 ? identifier : "a record without an identifier";
        if ((string?)header?.Attribute("status") == "deleted")
        {
            return new OaiRecord(where, new ArxivRecord { Id = idFromHeader, Withdrawn = true }, Deleted: true, ListsVersions: false);
        }

        var metadata = record.Element(Oai + "metadata");
        if (metadata?.Element(ArxivRawFormat + "arXivRaw") is { } raw)
        {
            return new OaiRecord(where, ReadArxivRaw(raw), Deleted: false, ListsVersions: true);
        }

        if (metadata?.Element(ArxivFormat + "arXiv") is { } arxiv)
        {
            return new OaiRecord(where, ReadArxiv(arxiv), Deleted: false, ListsVersions: false);
        }

        // Metadata missing or in a format we did not ask for: the mapper rejects it for its empty title.
        return new OaiRecord(where, new ArxivRecord { Id = idFromHeader }, Deleted: false, ListsVersions: false);
    }

    /// <summary>The <c>arXiv</c> format: authors split into keyname/forenames/suffix, created and updated dates.</summary>
    private static ArxivRecord ReadArxiv(XElement arxiv)
    {
        var ns = ArxivFormat;
        var created = ParseDay(Text(arxiv, ns + "created"));
        return new ArxivRecord
        {
            Id = Text(arxiv, ns + "id"),
            Title = Text(arxiv, ns + "title"),
            Abstract = Text(arxiv, ns + "abstract"),
            Authors = [.. arxiv.Element(ns + "authors")?.Elements(ns + "author").Select(FullName).Where(n => n.Length > 0) ?? []],
            Categories = Categories(Text(arxiv, ns + "categories")),
            // The first version's date stands in as the only "version" so the mapper dates the paper; see ListsVersions.
            Versions = created is { } v1 ? [v1] : [],
            UpdatedAt = ParseDay(Text(arxiv, ns + "updated")),
            License = Text(arxiv, ns + "license"),
            Doi = Text(arxiv, ns + "doi"),
            JournalRef = Text(arxiv, ns + "journal-ref"),
            Comments = Text(arxiv, ns + "comments"),
        };
    }

    /// <summary>The <c>arXivRaw</c> format: every version with its date, authors as one string.</summary>
    private static ArxivRecord ReadArxivRaw(XElement raw)
    {
        var ns = ArxivRawFormat;
        return new ArxivRecord
        {
            Id = Text(raw, ns + "id"),
            Title = Text(raw, ns + "title"),
            Abstract = Text(raw, ns + "abstract"),
            Authors = SplitAuthors(Text(raw, ns + "authors")),
            Categories = Categories(Text(raw, ns + "categories")),
            Versions = [.. raw.Elements(ns + "version").Select(v => ParseVersionDate(Text(v, ns + "date"))).OfType<DateTimeOffset>()],
            License = Text(raw, ns + "license"),
            Doi = Text(raw, ns + "doi"),
            JournalRef = Text(raw, ns + "journal-ref"),
            Comments = Text(raw, ns + "comments"),
        };
    }

    private static string? Text(XElement parent, XName name) => parent.Element(name)?.Value;

    /// <summary>"C." + "Balázs" + "Jr" → "C. Balázs Jr".</summary>
    private static string FullName(XElement author)
    {
        var ns = ArxivFormat;
        string[] parts = [Text(author, ns + "forenames") ?? "", Text(author, ns + "keyname") ?? "", Text(author, ns + "suffix") ?? ""];
        return Ingest.Text.NormalizeWhitespace(string.Join(' ', parts));
    }

    /// <summary>"A. One, B. Two and C. Three" → three names.</summary>
    private static List<string> SplitAuthors(string? authors) =>
        authors is null
            ? []
            : [.. Ingest.Text.NormalizeWhitespace(authors).Replace(" and ", ", ", StringComparison.Ordinal)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static List<string> Categories(string? categories) =>
        [.. (categories ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];

    private static DateTimeOffset? ParseDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;

    private static DateTimeOffset? ParseVersionDate(string? text) =>
        DateTimeOffset.TryParseExact(text?.Trim(), VersionDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : null;
}
