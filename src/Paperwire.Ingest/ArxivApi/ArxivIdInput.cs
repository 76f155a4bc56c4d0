using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.ArxivApi;

/// <summary>What a person pastes to name an arXiv paper: an id, or an address on arxiv.org.</summary>
public static class ArxivIdInput
{
    private static readonly string[] ArxivHosts = ["arxiv.org", "www.arxiv.org", "export.arxiv.org"];

    /// <summary>The catalog id (no version) of <paramref name="input"/>, or an <see cref="InvalidInputException"/> saying why not.</summary>
    public static string Parse(string input)
    {
        var text = input.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            if (!ArxivHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidInputException($"{url.GetLeftPart(UriPartial.Authority)} is not arXiv; give an arXiv id or an https://arxiv.org/abs/… address.");
            }

            // /abs/2501.00001v2, /pdf/2501.00001v2(.pdf), /abs/hep-th/9901001
            var path = url.AbsolutePath.Trim('/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            text = slash < 0 ? path : path[(slash + 1)..];
            if (text.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^4];
            }
        }

        if (!ArxivApiRequest.IsArxivId(text) || !Core.Papers.PaperId.TryNormalize(text, out var id))
        {
            throw new InvalidInputException($"'{input}' is not an arXiv id like 2501.00001 or hep-th/9901001.");
        }

        return id;
    }
}
