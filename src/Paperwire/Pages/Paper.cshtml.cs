using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary><c>/papers/{id}</c>: the paper page; <c>/papers/{id}.md</c> or <c>Accept: text/markdown</c> gives Markdown.</summary>
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
        if (!wantsMarkdown)
        {
            // HTML or Markdown by Accept: a shared cache must key on it, or it hands one reader the other's answer.
            Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        }

        var requested = wantsMarkdown ? id![..^MarkdownSuffix.Length] : id;
        if (!PaperId.TryNormalize(requested, out var paperId))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(id)}” is not a paper id. Paper ids look like 2504.05299 or hep-th/9901001.");
        }

        var paper = await catalog.FindAsync(paperId, cancellationToken);
        if (paper is null)
        {
            // A local paper since found on arXiv lives on under its arXiv id; old links follow it there.
            return await aliases.FindTargetAsync(paperId, cancellationToken) is { } arxivId
                ? RedirectPermanent((wantsMarkdown ? PaperLinks.MarkdownPath(arxivId) : PaperLinks.PagePath(arxivId)) + Request.QueryString)
                : this.NotFoundPage($"No paper {paperId} is in the catalog yet.");
        }

        if (wantsMarkdown || WantsMarkdown(Request))
        {
            return Content(PaperMarkdown.Render(paper, BaseUri), "text/markdown; charset=utf-8");
        }

        Paper = paper;
        Similar = paper.Withdrawn ? [] : await search.SimilarAsync(paper.Id, SimilarCount, cancellationToken);
        return Page();
    }

    /// <summary>True for <c>/papers/{id}.md</c> or an <c>Accept: text/markdown</c> request (also the cache key).</summary>
    public static bool WantsMarkdown(HttpRequest request) =>
        request.Path.Value?.EndsWith(MarkdownSuffix, StringComparison.Ordinal) == true
        || request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase));
}
