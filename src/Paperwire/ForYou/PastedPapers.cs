using Paperwire.Community.Submissions;
using Paperwire.Core.Papers;

namespace Paperwire.ForYou;

/// <summary>What a paste named: catalog ids, words that are no paper id, and how many words beyond the limit were not read.</summary>
public sealed record PastedPaperIds(IReadOnlyList<string> Ids, IReadOnlyList<string> Unreadable, int Ignored);

/// <summary>
/// Paper ids a reader pastes to start For you: arXiv ids and arxiv.org addresses (as the submit form reads them),
/// Hugging Face paper pages (<c>huggingface.co/papers/2504.05299</c>) and this site's own paper pages, separated by
/// spaces, commas or lines. Each word that is none of these is named back to the reader.
/// </summary>
public static class PastedPapers
{
    /// <summary>Words read from one paste; a reader starting out names a handful, not a bibliography.</summary>
    public const int MaxWords = 50;

    public const int MaxLength = 10_000;

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', ';'];

    public static PastedPaperIds Read(string? text)
    {
        var ids = new List<string>();
        var unreadable = new List<string>();
        var words = (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words.Take(MaxWords))
        {
            if (PaperPageId(word) is { } id || SubmissionInput.TryReadPaper(word, out id, out _))
            {
                ids.Add(id);
            }
            else
            {
                unreadable.Add(Api.ApiProblems.Shorten(word));
            }
        }

        return new PastedPaperIds([.. ids.Distinct(StringComparer.Ordinal)], unreadable, Math.Max(0, words.Length - MaxWords));
    }

    /// <summary>The id in <c>…/papers/{id}</c> of a Hugging Face or Paperwire paper page address.</summary>
    private static string? PaperPageId(string word)
    {
        var text = word.StartsWith("huggingface.co/", StringComparison.OrdinalIgnoreCase) ? "https://" + word : word;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var path = url.AbsolutePath;
        const string Prefix = "/papers/";
        return path.StartsWith(Prefix, StringComparison.Ordinal) && PaperId.TryNormalize(Uri.UnescapeDataString(path[Prefix.Length..].TrimEnd('/')), out var id)
            ? id
            : null;
    }
}
