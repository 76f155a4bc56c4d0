using System.Xml;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Oai;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Fuzz.Targets;

/// <summary>An OAI-PMH ListRecords page as a harvest reads it: XML, page, then every record mapped.</summary>
internal static class OaiTarget
{
    private static readonly Uri Url = new("https://oaipmh.arxiv.org/oai?verb=ListRecords");

    // XmlException is the HTTP client's cue to fetch the page again, then to stop with an InvalidInputException.
    public static FuzzTarget Create() => new("oai", "OAI-PMH ListRecords pages (arXiv, arXivRaw)", Parse, typeof(XmlException), typeof(InvalidInputException));

    private static void Parse(byte[] input)
    {
        var page = OaiPageParser.Parse(ArxivXml.Parse(FuzzInput.Text(input)), Url);
        foreach (var record in page.Records)
        {
            _ = ArxivRecordMapper.Map(record.Record, record.Where);
        }
    }
}
