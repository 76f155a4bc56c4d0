using System.Globalization;
using System.Xml;
using Paperwire.Core.Papers;

namespace Paperwire.Feeds;

/// <summary>
/// RSS 2.0, written by hand because <c>Rss20FeedFormatter</c> dates with <c>Z</c> (readers expect RFC 822's
/// <c>+0000</c>), drops the <c>atom:link rel="self"</c> and drops authors without an e-mail address. Authors go out as
/// one <c>dc:creator</c> each, as feedparser and most readers read them.
/// </summary>
internal static class RssWriter
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    public static void Write(XmlWriter xml, FeedChannel channel, Uri baseUri, Uri feedUri)
    {
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
        xml.WriteAttributeString("xmlns", "dc", null, DublinCoreNamespace);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", RssText(channel.Title));
        xml.WriteElementString("link", new Uri(baseUri, channel.PagePath).AbsoluteUri);
        xml.WriteElementString("description", RssText(channel.Description));
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("href", feedUri.AbsoluteUri);
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", FeedFormat.Rss.MediaType());
        xml.WriteEndElement();
        xml.WriteElementString("generator", "Paperwire");
        xml.WriteElementString("lastBuildDate", Rfc822(channel.Updated));
        foreach (var paper in channel.Papers)
        {
            WriteItem(xml, paper, channel.Reasons?.GetValueOrDefault(paper.Id), baseUri);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteItem(XmlWriter xml, Paper paper, string? reason, Uri baseUri)
    {
        var link = new Uri(baseUri, PaperLinks.PagePath(paper.Id)).AbsoluteUri;
        xml.WriteStartElement("item");
        xml.WriteElementString("title", RssText(paper.Title));
        xml.WriteElementString("link", link);
        // RSS readers render HTML, so the reason is a paragraph of its own.
        xml.WriteElementString("description", reason is null ? RssText(paper.Summary) : $"<p>{RssText("Why: " + reason)}</p><p>{RssText(paper.Summary)}</p>");
        foreach (var author in paper.Authors.Where(a => !a.Hidden))
        {
            xml.WriteElementString("creator", DublinCoreNamespace, author.Name);
        }

        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "true");
        xml.WriteString(link);
        xml.WriteEndElement();
        xml.WriteElementString("pubDate", Rfc822(FeedChannel.Dated(paper)));
        xml.WriteEndElement();
    }

    /// <summary>RFC 822 (with RFC 1123's four-digit year) in UTC: <c>Fri, 04 Dec 2026 08:01:00 +0000</c>.</summary>
    public static string Rfc822(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>
    /// RSS 2.0 readers treat a title and a description as HTML, so text goes in HTML-escaped (and the XML writer
    /// escapes it once more): a collection named <c>&lt;img onerror=…&gt;</c> reaches the reader as those
    /// characters, not as an image tag. Author names (<c>dc:creator</c>) are plain text to readers, so they are not.
    /// </summary>
    public static string RssText(string plain) =>
        plain.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
