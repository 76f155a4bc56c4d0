using Paperwire.Search.Indexing;

namespace Paperwire.Recommend.Vectors;

/// <summary>
/// The vectors of the serving search index generation: ranking keeps no copy of its own (DESIGN.md), so a
/// rebuild or a re-embedded paper reaches "For you" as it reaches search.
/// </summary>
public sealed class SearchIndexVectors(SearchIndexes indexes) : IPaperVectors
{
    public bool TryGet(string paperId, out float[] vector) => indexes.TryGetPaperVector(paperId, out vector);
}
