using System.Globalization;
using System.Net;
using System.Text;
using Paperwire.Core.Papers;

namespace Paperwire.Digests;

/// <summary>
/// The digest's two bodies. The HTML uses inline styles only (many clients drop &lt;style&gt;), no images and no
/// background colours, so it reads in light and dark clients alike; nothing in it calls home.
/// </summary>
public static class DigestText
{
    private const int SummaryLength = 220;

    public static string Plain(DigestPeriod period, DigestSelection selection, DigestLinks links)
    {
        var text = new StringBuilder();
        text.Append(period.Subject).Append("\n\n");
        if (selection.Note is { } note)
        {
            text.Append(note).Append("\n\n");
        }

        if (selection.Papers.Count == 0)
        {
            text.Append("No papers in this period matched your preferences.\n\n");
        }

        var number = 1;
        foreach (var paper in selection.Papers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{number++}. {OneLine(paper.Title)}\n");
            text.Append(CultureInfo.InvariantCulture, $"   {links.Paper(paper)}\n");
            text.Append(CultureInfo.InvariantCulture, $"   {Byline(paper)}\n");
            text.Append(CultureInfo.InvariantCulture, $"   {Summary(paper)}\n\n");
        }

        text.Append("--\n");
        text.Append(CultureInfo.InvariantCulture, $"Change what you get: {links.Manage}\n");
        text.Append(CultureInfo.InvariantCulture, $"Unsubscribe: {links.Unsubscribe}\n");
        return text.ToString();
    }

    public static string Html(DigestPeriod period, DigestSelection selection, DigestLinks links)
    {
        var html = new StringBuilder();
        html.Append("""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">""");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(period.Subject)}</title></head>");
        html.Append("""<body style="margin:0;padding:16px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45">""");
        html.Append("""<div style="max-width:640px;margin:0 auto">""");
        html.Append(CultureInfo.InvariantCulture, $"""<h1 style="font-size:20px;margin:0 0 16px">{E(period.Subject)}</h1>""");
        if (selection.Note is { } note)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #d97706">{E(note)}</p>""");
        }

        if (selection.Papers.Count == 0)
        {
            html.Append("""<p style="margin:0 0 16px">No papers in this period matched your preferences.</p>""");
        }

        foreach (var paper in selection.Papers)
        {
            html.Append("""<div style="margin:0 0 20px;padding:0 0 16px;border-bottom:1px solid #8884">""");
            html.Append(CultureInfo.InvariantCulture, $"""<a href="{E(links.Paper(paper).AbsoluteUri)}" style="font-size:17px;font-weight:600;color:#2f6fde;text-decoration:none">{E(OneLine(paper.Title))}</a>""");
            html.Append(CultureInfo.InvariantCulture, $"""<div style="margin:4px 0;font-size:13px;opacity:.75">{E(Byline(paper))}</div>""");
            html.Append(CultureInfo.InvariantCulture, $"""<div style="margin:4px 0 0">{E(Summary(paper))}</div></div>""");
        }

        html.Append("""<p style="font-size:13px;opacity:.75;margin:24px 0 0">You get this because you subscribed to Paperwire's digest. """);
        html.Append(CultureInfo.InvariantCulture, $"""<a href="{E(links.Manage.AbsoluteUri)}" style="color:#2f6fde">Change what you get</a> · """);
        html.Append(CultureInfo.InvariantCulture, $"""<a href="{E(links.Unsubscribe.AbsoluteUri)}" style="color:#2f6fde">Unsubscribe</a></p>""");
        html.Append("</div></body></html>");
        return html.ToString();
    }

    /// <summary>"A, B and C · DeepMind · 42 upvotes".</summary>
    public static string Byline(Paper paper)
    {
        var parts = new List<string> { PaperText.Authors(paper) };
        if (paper.OrganizationName is { Length: > 0 } organization)
        {
            parts.Add(organization);
        }

        parts.Add(paper.Upvotes == 1 ? "1 upvote" : string.Create(CultureInfo.InvariantCulture, $"{paper.Upvotes} upvotes"));
        return OneLine(string.Join(" · ", parts));
    }

    /// <summary>About two lines of the abstract, cut at a word.</summary>
    public static string Summary(Paper paper)
    {
        // Only the start is shown, so only the start is collapsed onto one line: every digest lists ten abstracts twice,
        // and collapsing whole abstracts was most of composing one (measured: ~200 µs of ~300 µs for text and HTML).
        var text = OneLine(paper.AiSummary is { Length: > 0 } ai ? ai : paper.Summary, SummaryLength + 1);
        if (text.Length <= SummaryLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', SummaryLength);
        return text[..(cut > SummaryLength / 2 ? cut : SummaryLength)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    /// <summary>
    /// The text with each run of white space made one space and none at either end (as splitting at white space and
    /// joining with spaces), up to its first <paramref name="limit"/> characters.
    /// </summary>
    private static string OneLine(string text, int limit = int.MaxValue)
    {
        var line = new StringBuilder(Math.Min(text.Length, limit));
        var space = false;
        foreach (var c in text)
        {
            if (line.Length >= limit)
            {
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
                if (line.Length >= limit)
                {
                    break;
                }
            }

            line.Append(c);
        }

        return line.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
