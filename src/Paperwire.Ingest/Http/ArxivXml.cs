using System.Xml;
using System.Xml.Linq;

namespace Paperwire.Ingest.Http;

/// <summary>How every page arXiv answers with (OAI-PMH, Atom) becomes XML: no DTDs, nothing resolved.</summary>
internal static class ArxivXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    /// <exception cref="XmlException">The text is not well-formed XML (or declares a DTD).</exception>
    public static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        return XDocument.Load(reader);
    }
}
