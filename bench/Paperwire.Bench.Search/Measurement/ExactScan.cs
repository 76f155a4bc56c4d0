using System.Numerics.Tensors;

namespace Paperwire.Bench.Search.Measurement;

/// <summary>
/// Brute-force nearest neighbours: every query against every vector, by dot product (the vectors are unit length,
/// so this is cosine similarity). Blocks of vectors small enough to stay in cache are scored against all queries
/// at once, on all cores; each worker keeps its own top-k per query and they are merged at the end.
/// </summary>
internal static class ExactScan
{
    private const int BlockSize = 512;

    /// <summary>For each query, the indexes of the <paramref name="k"/> most similar vectors, best first.</summary>
    public static int[][] TopK(float[] vectors, int count, int dimensions, float[][] queries, int k)
    {
        var merged = NewHeaps(queries.Length);
        var gate = new Lock();
        var blocks = (count + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, () => NewHeaps(queries.Length), (block, _, heaps) =>
        {
            var end = Math.Min(count, (block + 1) * BlockSize);
            for (var q = 0; q < queries.Length; q++)
            {
                var query = queries[q];
                var heap = heaps[q];
                for (var i = block * BlockSize; i < end; i++)
                {
                    Offer(heap, i, TensorPrimitives.Dot(query, vectors.AsSpan(i * dimensions, dimensions)), k);
                }
            }

            return heaps;
        }, heaps =>
        {
            lock (gate)
            {
                for (var q = 0; q < heaps.Length; q++)
                {
                    while (heaps[q].TryDequeue(out var index, out var score))
                    {
                        Offer(merged[q], index, score, k);
                    }
                }
            }
        });

        return [.. merged.Select(heap =>
        {
            var best = new int[heap.Count];
            for (var i = best.Length - 1; i >= 0; i--)
            {
                best[i] = heap.Dequeue();
            }

            return best;
        })];
    }

    /// <summary>One query against every vector on this thread: what a search without an index would cost.</summary>
    public static int[] Scan(float[] vectors, int count, int dimensions, float[] query, int k)
    {
        var heap = new PriorityQueue<int, float>(k + 1);
        for (var i = 0; i < count; i++)
        {
            Offer(heap, i, TensorPrimitives.Dot(query, vectors.AsSpan(i * dimensions, dimensions)), k);
        }

        var best = new int[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            best[i] = heap.Dequeue();
        }

        return best;
    }

    private static PriorityQueue<int, float>[] NewHeaps(int count) => [.. Enumerable.Range(0, count).Select(_ => new PriorityQueue<int, float>())];

    private static void Offer(PriorityQueue<int, float> heap, int index, float score, int k)
    {
        if (heap.Count < k)
        {
            heap.Enqueue(index, score);
        }
        else if (heap.TryPeek(out _, out var lowest) && score > lowest)
        {
            heap.EnqueueDequeue(index, score);
        }
    }
}
