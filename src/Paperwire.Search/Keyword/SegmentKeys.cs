using System.Buffers.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperwire.Search.Keyword;

/// <summary>
/// One segment's documents and the vector keys (<see cref="PaperKey"/>) of their papers, both ways. Read once per
/// segment from the indexed key terms (no stored fields); a segment never changes, only its deletions do.
/// </summary>
internal sealed class SegmentKeys
{
    private SegmentKeys(ulong[] keyOf, Dictionary<ulong, int> docOf)
    {
        KeyOf = keyOf;
        DocOf = docOf;
    }

    /// <summary>Each document's key; 0 for a document without one.</summary>
    public ulong[] KeyOf { get; }

    /// <summary>
    /// The document of each key. A paper updated before the segment was written has its older, deleted documents
    /// here too; the map keeps the last one, the only one that can be live.
    /// </summary>
    public Dictionary<ulong, int> DocOf { get; }

    public static SegmentKeys Read(AtomicReader segment)
    {
        var keyOf = new ulong[segment.MaxDoc];
        var docOf = new Dictionary<ulong, int>(segment.MaxDoc);
        if (segment.GetTerms(PaperFields.Key) is not { } terms)
        {
            return new SegmentKeys(keyOf, docOf);
        }

        var termsEnum = terms.GetEnumerator();
        DocsEnum? documents = null;
        while (termsEnum.MoveNext())
        {
            var term = termsEnum.Term;
            if (!Utf8Parser.TryParse(term.Bytes.AsSpan(term.Offset, term.Length), out ulong key, out _))
            {
                continue;
            }

            documents = termsEnum.Docs(null, documents, DocsFlags.NONE);
            for (var doc = documents.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = documents.NextDoc())
            {
                keyOf[doc] = key;
                docOf[key] = doc;
            }
        }

        return new SegmentKeys(keyOf, docOf);
    }
}
