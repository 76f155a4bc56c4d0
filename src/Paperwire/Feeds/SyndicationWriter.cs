using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using Paperwire.Core.Papers;

namespace Paperwire.Feeds;

/// <summary>Renders a <see cref="FeedChannel"/> as RSS 2.0, Atom 1.0 (System.ServiceModel.Syndication) or JSON Feed 1.1.</summary>
public static class SyndicationWriter
{
    public static byte[] Write(FeedChannel channel, FeedFormat format, Uri baseUri, Uri feedUri) => format switch
    {
        FeedFormat.Json => WriteJsonFeed(channel, baseUri, feedUri),
        _ => WriteXml(channel, format, baseUri, feedUri),
    };

    private static byte[] WriteXml(FeedChannel channel, FeedFormat format, Uri baseUri, Uri feedUri)
    {
        var text = format == FeedFormat.Rss ? RssText : (Func<string, string>)(plain => plain);
        var feed = new SyndicationFeed(text(channel.Title), text(channel.Description), new Uri(baseUri, channel.PagePath))
        {
            Id = feedUri.AbsoluteUri,
            LastUpdatedTime = channel.Papers.Select(Published).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max(),
            Generator = "Paperwire",
            Items = channel.Papers.Select(paper => ToItem(paper, Reason(channel, paper), baseUri, format)).ToList(),
        };
        feed.Links.Add(new SyndicationLink(feedUri, "self", channel.Title, format.MediaType(), 0));

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Rss ? new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false) : new Atom10FeedFormatter(feed);
            formatter.WriteTo(xml);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// RSS 2.0 readers treat a title and a description as HTML, so text goes in HTML-escaped (and the XML writer
    /// escapes it once more): a collection named <c>&lt;img onerror=…&gt;</c> reaches the reader as those
    /// characters, not as an image tag. Atom says <c>type="text"</c> and JSON Feed <c>content_text</c>; both stay plain.
    /// </summary>
    private static string RssText(string plain) =>
        plain.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static SyndicationItem ToItem(Paper paper, string? reason, Uri baseUri, FeedFormat format)
    {
        var link = new Uri(baseUri, PaperLinks.PagePath(paper.Id));
        // RSS readers render HTML, so the reason is a paragraph of its own there; Atom's text keeps the blank line.
        var content = format == FeedFormat.Rss
            ? reason is null ? RssText(paper.Summary) : $"<p>{RssText(Why(reason))}</p><p>{RssText(paper.Summary)}</p>"
            : PlainContent(paper, reason);
        var title = format == FeedFormat.Rss ? RssText(paper.Title) : paper.Title;
        var item = new SyndicationItem(title, content, link, link.AbsoluteUri, Published(paper))
        {
            PublishDate = Published(paper),
        };
        foreach (var author in paper.Authors.Where(a => !a.Hidden))
        {
            item.Authors.Add(new SyndicationPerson { Name = author.Name });
        }

        return item;
    }

    private static byte[] WriteJsonFeed(FeedChannel channel, Uri baseUri, Uri feedUri)
    {
        var feed = new JsonFeed(
            Version: "https://jsonfeed.org/version/1.1",
            Title: channel.Title,
            Description: channel.Description,
            HomePageUrl: new Uri(baseUri, channel.PagePath).AbsoluteUri,
            FeedUrl: feedUri.AbsoluteUri,
            Items: [.. channel.Papers.Select(paper => new JsonFeedItem(
                Id: new Uri(baseUri, PaperLinks.PagePath(paper.Id)).AbsoluteUri,
                Url: new Uri(baseUri, PaperLinks.PagePath(paper.Id)).AbsoluteUri,
                Title: paper.Title,
                ContentText: PlainContent(paper, Reason(channel, paper)),
                DatePublished: Published(paper),
                Authors: paper.Authors.Count == 0 ? null : [.. paper.Authors.Where(a => !a.Hidden).Select(a => new JsonFeedAuthor(a.Name))],
                Summary: Reason(channel, paper) is { } reason ? Why(reason) : null))]);
        return JsonSerializer.SerializeToUtf8Bytes(feed, JsonFeed.SerializerOptions);
    }

    private static string? Reason(FeedChannel channel, Paper paper) => channel.Reasons?.GetValueOrDefault(paper.Id);

    private static string Why(string reason) => "Why: " + reason;

    private static string PlainContent(Paper paper, string? reason) => reason is null ? paper.Summary : $"{Why(reason)}\n\n{paper.Summary}";

    /// <summary>Items are dated by when they entered the feed; catalog-only papers by their paper date.</summary>
    private static DateTimeOffset Published(Paper paper) => paper.FeedEntry?.SubmittedAt ?? paper.PublishedAt;
}
