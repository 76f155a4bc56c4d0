using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;

namespace Paperwire.ForYou;

/// <summary>
/// Each reader's model, cached in this node's memory by signals version: trained again only when a signal write
/// has bumped the version. Training takes milliseconds (docs/recommend.md), so it runs in the request that needs it.
/// The model is derived data, never stored here as truth: a restart just trains it again.
/// </summary>
public sealed class ReaderModels(ReaderModelTrainer trainer)
{
    /// <summary>Readers kept at once; beyond it the cache starts over (each costs a few kilobytes and a retraining).</summary>
    private const int MaxReaders = 10_000;

    private readonly ConcurrentDictionary<string, ReaderModel> models = new(StringComparer.Ordinal);

    public ReaderModel For(string userId, ReaderSignals signals, CandidatePool pool)
    {
        if (models.TryGetValue(userId, out var cached) && cached.IsCurrentFor(signals))
        {
            return cached;
        }

        var model = trainer.Train(signals, pool, Seed(userId));
        // A model trained without candidates (an empty window) is only closeness: not worth keeping for this version.
        if (pool.Count > 0)
        {
            if (models.Count >= MaxReaders)
            {
                models.Clear();
            }

            models[userId] = model;
        }

        return model;
    }

    /// <summary>A stable seed per reader, the same on every node and after restarts (string.GetHashCode is not).</summary>
    internal static int Seed(string userId) => (int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(userId));
}
