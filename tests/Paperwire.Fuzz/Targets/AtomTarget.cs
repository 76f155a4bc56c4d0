using System.Xml;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Fuzz.Targets;

/// <summary>An arXiv API answer (Atom) as <c>import arxiv</c> reads it: XML, feed, then every entry mapped.</summary>
internal static class AtomTarget
{
    private static readonly Uri Url = new("https://export.arxiv.org/api/query?search_query=all");

    public static FuzzTarget Create() => new("atom", "arXiv API Atom feeds", Parse, typeof(XmlException), typeof(InvalidInputException));

    private static void Parse(byte[] input)
    {
        var page = AtomFeedParser.Parse(ArxivXml.Parse(FuzzInput.Text(input)), Url);
        foreach (var entry in page.Entries)
        {
            _ = ArxivRecordMapper.Map(entry.Record, entry.Where);
        }
    }
}
