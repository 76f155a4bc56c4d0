namespace Paperwire.Recommend.Vectors;

/// <summary>Vectors held in a dictionary: the evaluation over the shipped corpora and the benchmarks, which run without an index folder.</summary>
public sealed class InMemoryPaperVectors(IReadOnlyDictionary<string, float[]> vectors) : IPaperVectors
{
    public bool TryGet(string paperId, out float[] vector) => vectors.TryGetValue(paperId, out vector!);
}
