namespace Paperwire.Recommend.Ranking;

/// <summary>
/// The best <c>k</c> rows by score, in a bounded min-heap: one pass over n scores in O(n log k), without
/// sorting the whole pool. Ties go to the newer paper, then to the lower row, so a ranking is deterministic.
/// </summary>
internal static class TopK
{
    /// <param name="skip">Rows that must not appear (already upvoted, not interested); may be empty.</param>
    public static int[] Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> days, int k, IReadOnlySet<int> skip)
    {
        var heap = new (float Score, int Day, int Row)[Math.Min(k, scores.Length)];
        var size = 0;
        for (var row = 0; row < scores.Length; row++)
        {
            var entry = (scores[row], days[row], row);
            if (float.IsNegativeInfinity(entry.Item1) || float.IsNaN(entry.Item1) || (size == heap.Length && !Better(entry, heap[0])))
            {
                continue;
            }

            if (skip.Count > 0 && skip.Contains(row))
            {
                continue;
            }

            if (size < heap.Length)
            {
                heap[size] = entry;
                SiftUp(heap, size++);
            }
            else
            {
                heap[0] = entry;
                SiftDown(heap, 0, size);
            }
        }

        var best = heap[..size];
        Array.Sort(best, (a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
        return [.. best.Select(e => e.Row)];
    }

    private static bool Better((float Score, int Day, int Row) a, (float Score, int Day, int Row) b) =>
        a.Score != b.Score ? a.Score > b.Score : a.Day != b.Day ? a.Day > b.Day : a.Row < b.Row;

    private static void SiftUp((float, int, int)[] heap, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(heap[parent], heap[i]))
            {
                return;
            }

            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown((float, int, int)[] heap, int i, int size)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            if (left < size && Better(heap[worst], heap[left]))
            {
                worst = left;
            }

            if (left + 1 < size && Better(heap[worst], heap[left + 1]))
            {
                worst = left + 1;
            }

            if (worst == i)
            {
                return;
            }

            (heap[worst], heap[i]) = (heap[i], heap[worst]);
            i = worst;
        }
    }
}
