using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using Paperwire.Core.Papers;

namespace Paperwire.Feeds;

/// <summary>Renders a <see cref="FeedChannel"/> as RSS 2.0 (<see cref="RssWriter"/>), Atom 1.0 (System.ServiceModel.Syndication) or JSON Feed 1.1.</summary>
public static class SyndicationWriter
{
    public static byte[] Write(FeedChannel channel, FeedFormat format, Uri baseUri, Uri feedUri) => format switch
    {
        FeedFormat.Json => WriteJsonFeed(channel, baseUri, feedUri),
        _ => WriteXml(channel, format, baseUri, feedUri),
    };

    private static byte[] WriteXml(FeedChannel channel, FeedFormat format, Uri baseUri, Uri feedUri)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            if (format == FeedFormat.Rss)
            {
                RssWriter.Write(xml, channel, baseUri, feedUri);
            }
            else
            {
                new Atom10FeedFormatter(ToAtomFeed(channel, baseUri, feedUri)).WriteTo(xml);
            }
        }

        return buffer.ToArray();
    }

    private static SyndicationFeed ToAtomFeed(FeedChannel channel, Uri baseUri, Uri feedUri)
    {
        var feed = new SyndicationFeed(channel.Title, channel.Description, new Uri(baseUri, channel.PagePath))
        {
            Id = feedUri.AbsoluteUri,
            LastUpdatedTime = channel.Updated,
            Generator = "Paperwire",
            Items = channel.Papers.Select(paper => ToAtomItem(paper, Reason(channel, paper), baseUri)).ToList(),
        };
        feed.Links.Add(new SyndicationLink(feedUri, "self", channel.Title, FeedFormat.Atom.MediaType(), 0));
        return feed;
    }

    /// <summary>Atom says <c>type="text"</c>, so title and content stay plain (a reason is a paragraph before the abstract).</summary>
    private static SyndicationItem ToAtomItem(Paper paper, string? reason, Uri baseUri)
    {
        var link = new Uri(baseUri, PaperLinks.PagePath(paper.Id));
        var item = new SyndicationItem(paper.Title, PlainContent(paper, reason), link, link.AbsoluteUri, FeedChannel.Dated(paper))
        {
            PublishDate = FeedChannel.Dated(paper),
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
                DatePublished: FeedChannel.Dated(paper),
                Authors: paper.Authors.Count == 0 ? null : [.. paper.Authors.Where(a => !a.Hidden).Select(a => new JsonFeedAuthor(a.Name))],
                Summary: Reason(channel, paper) is { } reason ? Why(reason) : null))]);
        return JsonSerializer.SerializeToUtf8Bytes(feed, JsonFeed.SerializerOptions);
    }

    private static string? Reason(FeedChannel channel, Paper paper) => channel.Reasons?.GetValueOrDefault(paper.Id);

    private static string Why(string reason) => "Why: " + reason;

    private static string PlainContent(Paper paper, string? reason) => reason is null ? paper.Summary : $"{Why(reason)}\n\n{paper.Summary}";
}
