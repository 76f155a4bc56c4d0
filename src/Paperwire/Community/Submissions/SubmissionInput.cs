using System.Text.Encodings.Web;
using Paperwire.Api;
using Paperwire.Core;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Community.Submissions;

/// <summary>What a submitter types, read the same way for the API and the <c>/submit</c> form.</summary>
public static class SubmissionInput
{
    /// <summary>Longer than any arXiv address a person pastes; longer input is refused before it is parsed.</summary>
    public const int MaxPaperLength = 300;

    private static readonly string[] AddressesWithoutScheme = ["arxiv.org/", "www.arxiv.org/", "export.arxiv.org/"];

    /// <summary>
    /// The catalog id of an arXiv id (<c>2504.05299</c>, <c>2504.05299v2</c>, <c>arXiv:2504.05299</c>,
    /// <c>hep-th/9901001</c>) or arxiv.org address (<c>/abs/…</c>, <c>/pdf/…</c>), or a message naming the input.
    /// </summary>
    public static bool TryReadPaper(string? input, out string id, out string problem)
    {
        id = "";
        problem = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            problem = "Give the paper's arXiv id (2504.05299) or address (https://arxiv.org/abs/2504.05299).";
            return false;
        }

        var text = input.Trim();
        if (AddressesWithoutScheme.Any(prefix => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            text = "https://" + text;
        }

        if (text.Length <= MaxPaperLength)
        {
            try
            {
                id = ArxivIdInput.Parse(text);
                return true;
            }
            catch (InvalidInputException)
            {
                // The message below names the input the same way for every kind of mistake.
            }
        }

        problem = $"“{ApiProblems.Shorten(input.Trim())}” is not an arXiv id or arXiv address; give one like 2504.05299, hep-th/9901001 or https://arxiv.org/abs/2504.05299.";
        return false;
    }

    /// <summary>The optional first comment, trimmed (null when blank), or why it cannot be taken.</summary>
    public static bool TryReadComment(string? input, int maxLength, out string? comment, out string problem)
    {
        comment = null;
        problem = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        // Browsers send line breaks as CRLF but count them as one character against the form's maxlength.
        var text = input.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > maxLength)
        {
            problem = $"The comment is {text.Length:N0} characters long; at most {maxLength:N0} are allowed.";
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            problem = "The comment contains a NUL character; remove it and try again.";
            return false;
        }

        comment = text;
        return true;
    }

    /// <summary>The optional organization name (null when blank), or why it is not one.</summary>
    public static bool TryReadOrganization(string? input, out string? organization, out string problem)
    {
        organization = null;
        problem = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        var name = input.Trim();
        if (!Handle.IsValid(name))
        {
            problem = $"“{ApiProblems.Shorten(name)}” is not an organization name.";
            return false;
        }

        organization = name;
        return true;
    }

    /// <summary>
    /// The first comment as stored HTML until the comments feature renders it: the text, encoded, in one paragraph.
    /// Encoding everything keeps it inert whatever the submitter typed.
    /// </summary>
    public static string CommentHtml(string text) => "<p>" + HtmlEncoder.Default.Encode(text) + "</p>";
}
