using System.Globalization;
using System.Text.Json.Nodes;
using Paperwire.Core.Papers;

namespace Paperwire.Citations;

/// <summary>
/// What a paper page tells machines about the paper: Highwire Press tags (read by Google Scholar and Zotero's
/// connector), OpenGraph and Twitter card tags (chat link previews) and schema.org <c>ScholarlyArticle</c> JSON-LD.
/// </summary>
public sealed record PaperMetadata(Paper Paper, Uri PageUrl, string Description, string? ImageUrl)
{
    private const int DescriptionLength = 300;

    /// <param name="imagePath">The paper's picture (its thumbnail) when it has one; relative to <paramref name="baseUri"/>.</param>
    public static PaperMetadata For(Paper paper, Uri baseUri, string? imagePath = null) => new(
        paper,
        new Uri(baseUri, PaperLinks.PagePath(paper.Id)),
        Shorten(Ingest.Text.NormalizeWhitespace(paper.Summary)),
        imagePath is null ? null : new Uri(baseUri, imagePath).AbsoluteUri);

    public IEnumerable<string> Authors => Paper.Authors.Where(a => !a.Hidden && !string.IsNullOrWhiteSpace(a.Name)).Select(a => a.Name);

    /// <summary>Highwire's date form, <c>2025/04/07</c>.</summary>
    public string PublicationDate => Paper.PublishedAt.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The JSON-LD block's content. The serializer escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as <c>\u003C</c>…,
    /// so no title or abstract can close the script element it sits in.
    /// </summary>
    public string JsonLd()
    {
        var identifiers = new JsonArray();
        if (Paper.IsArxivPaper)
        {
            identifiers.Add(new JsonObject { ["@type"] = "PropertyValue", ["propertyID"] = "arXiv", ["value"] = Paper.Id });
        }

        if (Paper.Doi is { } doi)
        {
            identifiers.Add(new JsonObject { ["@type"] = "PropertyValue", ["propertyID"] = "DOI", ["value"] = doi });
        }

        var article = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ScholarlyArticle",
            ["headline"] = Paper.Title,
            ["name"] = Paper.Title,
            ["abstract"] = Paper.Summary,
            ["author"] = new JsonArray([.. Authors.Select(name => (JsonNode)new JsonObject { ["@type"] = "Person", ["name"] = name })]),
            ["datePublished"] = Paper.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["url"] = PageUrl.AbsoluteUri,
            ["isAccessibleForFree"] = true,
        };
        if (PaperLinks.ArxivAbstract(Paper) is { } abs)
        {
            article["sameAs"] = abs;
            article["encoding"] = new JsonObject { ["@type"] = "MediaObject", ["contentUrl"] = PaperLinks.ArxivPdf(Paper), ["encodingFormat"] = "application/pdf" };
        }

        if (identifiers.Count > 0)
        {
            article["identifier"] = identifiers;
        }

        if (Paper.Categories.Count > 0)
        {
            article["keywords"] = new JsonArray([.. Paper.Categories.Select(c => (JsonNode)JsonValue.Create(c))]);
        }

        if (ImageUrl is not null)
        {
            article["image"] = ImageUrl;
        }

        return article.ToJsonString();
    }

    private static string Shorten(string text)
    {
        if (text.Length <= DescriptionLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', DescriptionLength - 1);
        return text[..(cut > 100 ? cut : DescriptionLength - 1)] + "…";
    }
}
