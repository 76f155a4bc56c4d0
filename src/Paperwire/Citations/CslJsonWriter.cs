using System.Text.Json;
using System.Text.Json.Serialization;
using Paperwire.Core.Papers;

namespace Paperwire.Citations;

/// <summary>
/// CSL-JSON (the input of citeproc: Zotero, Pandoc, citation.js): an array of items, a preprint as Zotero writes one
/// (<c>type: article</c>, <c>publisher: arXiv</c>, <c>number: arXiv:…</c>).
/// </summary>
public static class CslJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<Paper> papers, IReadOnlyList<string> keys, Uri baseUri) =>
        JsonSerializer.Serialize(papers.Select((paper, i) => Item(paper, keys[i], baseUri)).ToList(), Options) + "\n";

    private static CslItem Item(Paper paper, string key, Uri baseUri)
    {
        var date = paper.PublishedAt.UtcDateTime;
        var published = !string.IsNullOrWhiteSpace(paper.JournalRef);
        return new CslItem(
            key,
            published ? "article-journal" : "article",
            paper.Title,
            [.. paper.Authors.Where(a => !a.Hidden && !string.IsNullOrWhiteSpace(a.Name)).Select(a =>
            {
                var name = PersonName.Parse(a.Name);
                return name.IsGroup ? new CslName(null, null, null, name.Family) : new CslName(name.Family, name.Given, name.Suffix, null);
            })],
            new CslDate([[date.Year, date.Month, date.Day]]),
            paper.Summary,
            PaperLinks.ArxivAbstract(paper) ?? new Uri(baseUri, PaperLinks.PagePath(paper.Id)).AbsoluteUri,
            paper.Doi,
            published ? paper.JournalRef : null,
            paper.IsArxivPaper ? "arXiv" : null,
            paper.IsArxivPaper ? "arXiv:" + paper.Id : null);
    }

    private sealed record CslItem(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("author")] IReadOnlyList<CslName> Author,
        [property: JsonPropertyName("issued")] CslDate Issued,
        [property: JsonPropertyName("abstract")] string Abstract,
        [property: JsonPropertyName("URL")] string Url,
        [property: JsonPropertyName("DOI")] string? Doi,
        [property: JsonPropertyName("container-title")] string? ContainerTitle,
        [property: JsonPropertyName("publisher")] string? Publisher,
        [property: JsonPropertyName("number")] string? Number);

    private sealed record CslName(
        [property: JsonPropertyName("family")] string? Family,
        [property: JsonPropertyName("given")] string? Given,
        [property: JsonPropertyName("suffix")] string? Suffix,
        [property: JsonPropertyName("literal")] string? Literal);

    private sealed record CslDate([property: JsonPropertyName("date-parts")] int[][] DateParts);
}
