namespace Paperwire.Recommend.Vectors;

/// <summary>Paper vectors by paper id (unit length; 384-d in the app): the search module's index, or the shipped corpora in evaluations.</summary>
public interface IPaperVectors
{
    /// <summary>False when the paper has no vector (not embedded yet, withdrawn, or embeddings are off).</summary>
    bool TryGet(string paperId, out float[] vector);
}
