using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Paperwire.Citations;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary>
/// <c>/papers/{id}</c>: the paper page; <c>/papers/{id}.md</c> or <c>Accept: text/markdown</c> gives Markdown, and
/// <c>.bib</c>, <c>.ris</c>, <c>.csl.json</c> (or their media types in <c>Accept</c>) the citation (Citations/).
/// </summary>
[OutputCache(PolicyName = FeedCache.PaperPage)]
[Paperwire.SignedIn.ReaderTemplate]
public sealed class PaperModel(PaperCatalog catalog, PaperAliases aliases, SearchWeb.SearchResults search, PublicAddress address) : PageModel
{
    private const string MarkdownSuffix = ".md";

    public const int SimilarCount = 6;

    public Paper Paper { get; private set; } = null!;

    public IReadOnlyList<Paper> Similar { get; private set; } = [];

    public Uri BaseUri => address.BaseFor(Request);

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        var wantsMarkdown = id?.EndsWith(MarkdownSuffix, StringComparison.Ordinal) == true;
        var citationSuffix = CitationFormats.TrySplitSuffix(id, out var citationStem, out var citation);
        if (!wantsMarkdown && !citationSuffix)
        {
            // HTML, Markdown or a citation by Accept: a shared cache must key on it, or it hands one reader another's answer.
            Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        }

        var requested = wantsMarkdown ? id![..^MarkdownSuffix.Length] : citationSuffix ? citationStem : id;
        if (!PaperId.TryNormalize(requested, out var paperId))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(id)}” is not a paper id. Paper ids look like 2504.05299 or hep-th/9901001.");
        }

        var paper = await catalog.FindAsync(paperId, cancellationToken);
        if (paper is null)
        {
            // A local paper since found on arXiv lives on under its arXiv id; old links follow it there.
            var suffix = wantsMarkdown ? MarkdownSuffix : citationSuffix ? citation.Suffix() : "";
            return await aliases.FindTargetAsync(paperId, cancellationToken) is { } arxivId
                ? RedirectPermanent(PaperLinks.PagePath(arxivId) + suffix + Request.QueryString)
                : this.NotFoundPage($"No paper {paperId} is in the catalog yet.");
        }

        if (citationSuffix || (!wantsMarkdown && CitationFormats.FromAccept(Request) is not null))
        {
            var format = citationSuffix ? citation : CitationFormats.FromAccept(Request)!.Value;
            return Content(format.Write([paper], BaseUri), format.ContentType());
        }

        if (wantsMarkdown || WantsMarkdown(Request))
        {
            return Content(PaperMarkdown.Render(paper, BaseUri), "text/markdown; charset=utf-8");
        }

        Paper = paper;
        Similar = paper.Withdrawn ? [] : await search.SimilarAsync(paper.Id, SimilarCount, cancellationToken);
        return Page();
    }

    /// <summary>What the request asks for, as the output cache keys it: html, md, or a citation format.</summary>
    public static string Representation(HttpRequest request) =>
        CitationFormats.TrySplitSuffix(request.Path.Value, out _, out var citation) ? citation.Suffix()
        : request.Path.Value?.EndsWith(MarkdownSuffix, StringComparison.Ordinal) == true ? "md"
        : CitationFormats.FromAccept(request) is { } accepted ? accepted.Suffix()
        : WantsMarkdown(request) ? "md" : "html";

    /// <summary>True for <c>/papers/{id}.md</c> or an <c>Accept: text/markdown</c> request.</summary>
    public static bool WantsMarkdown(HttpRequest request) =>
        request.Path.Value?.EndsWith(MarkdownSuffix, StringComparison.Ordinal) == true
        || request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase));
}
