using Paperwire.Search.Embeddings;
using Paperwire.Search.Vectors;

namespace Paperwire.Tests.Search;

public sealed class VectorIndexTests : IDisposable
{
    private const int Dimensions = 32;
    private readonly string folder = Directory.CreateTempSubdirectory("paperwire-vectors-").FullName;

    [Fact]
    public void Approximate_neighbours_agree_with_an_exact_scan()
    {
        var random = new Random(7);
        var vectors = Enumerable.Range(0, 2000).Select(_ => RandomUnit(random)).ToArray();
        using var index = VectorIndex.Create(Dimensions);
        index.Upsert([.. Enumerable.Range(0, vectors.Length).Select(i => (ulong)i)], vectors);

        double found = 0;
        for (var q = 0; q < 50; q++)
        {
            var query = RandomUnit(random);
            var exact = Enumerable.Range(0, vectors.Length).OrderByDescending(i => VectorMath.Dot(query, vectors[i])).Take(10).Select(i => (ulong)i).ToHashSet();
            found += index.Search(query, 10).Count(hit => exact.Contains(hit.Key));
        }

        Assert.True(found / 500 >= 0.95, $"recall@10 was {found / 500:F3}");
    }

    [Fact]
    public void Upsert_replaces_remove_deletes_and_save_then_load_keeps_everything()
    {
        var path = Path.Combine(folder, "vectors.usearch");
        var a = Unit(0);
        var b = Unit(1);
        using (var index = VectorIndex.Create(Dimensions))
        {
            index.Upsert([1, 2], [a, b]);
            index.Upsert([1], [b]);
            index.Remove([2]);
            index.Save(path);
        }

        using var loaded = VectorIndex.OpenOrCreate(path, Dimensions);
        Assert.Equal(1, loaded.Count);
        Assert.True(loaded.TryGet(1, out var stored));
        Assert.Equal(1.0, VectorMath.Dot(stored, b), 2);
        Assert.False(loaded.TryGet(2, out _));
        Assert.Equal(1UL, loaded.Search(a, 5).Single().Key);
    }

    [Fact]
    public void Paper_ids_survive_saving_and_leave_with_their_vectors()
    {
        var path = Path.Combine(folder, "vectors.usearch");
        using (var index = VectorIndex.Create(Dimensions))
        {
            index.Upsert(["2504.05299", "hep-th/9901001"], [Unit(0), Unit(1)]);
            index.Remove([Paperwire.Search.PaperKey.For("2504.05299")]);
            index.Save(path);
        }

        using var loaded = VectorIndex.OpenOrCreate(path, Dimensions);
        Assert.True(loaded.TryGetPaperId(Paperwire.Search.PaperKey.For("hep-th/9901001"), out var id));
        Assert.Equal("hep-th/9901001", id);
        Assert.False(loaded.TryGetPaperId(Paperwire.Search.PaperKey.For("2504.05299"), out _));
    }

    [Fact]
    public void Vectors_spread_over_segments_are_searched_replaced_and_saved_as_one_index()
    {
        var path = Path.Combine(folder, "vectors.usearch");
        var random = new Random(11);
        var vectors = Enumerable.Range(0, 1000).Select(_ => RandomUnit(random)).ToArray();
        var keys = Enumerable.Range(0, vectors.Length).Select(i => (ulong)i).ToArray();
        using (var index = VectorIndex.Create(Dimensions, segmentCapacity: 300))
        {
            index.Upsert(keys, vectors);
            Assert.Equal(4, index.SegmentCount);

            // Key 5 (first segment) moves to the last one with a new vector; key 900 leaves.
            vectors[5] = RandomUnit(random);
            index.Upsert([5UL], [vectors[5]]);
            index.Remove([900UL]);
            index.Save(path);
        }

        using var loaded = VectorIndex.OpenOrCreate(path, Dimensions, segmentCapacity: 300);
        Assert.Equal(999, loaded.Count);
        Assert.Equal(4, loaded.SegmentCount);
        Assert.True(loaded.TryGet(5, out var moved));
        Assert.Equal(1.0, VectorMath.Dot(moved, vectors[5]), 2);
        Assert.False(loaded.TryGet(900, out _));

        double found = 0;
        for (var q = 0; q < 50; q++)
        {
            var query = RandomUnit(random);
            var exact = keys.Where(k => k != 900).OrderByDescending(k => VectorMath.Dot(query, vectors[k])).Take(10).ToHashSet();
            var hits = loaded.Search(query, 10);
            Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Similarity >= pair.Second.Similarity), "not closest first");
            found += hits.Count(hit => exact.Contains(hit.Key));
        }

        Assert.True(found / 500 >= 0.95, $"recall@10 was {found / 500:F3}");
    }

    [Fact]
    public void Saving_again_replaces_the_files_of_the_previous_save_and_a_half_written_save_is_never_read()
    {
        var path = Path.Combine(folder, "vectors.usearch");
        using var index = VectorIndex.Create(Dimensions, segmentCapacity: 2);
        index.Upsert([1UL, 2, 3], [Unit(1), Unit(2), Unit(3)]);
        index.Save(path);
        var firstSave = Directory.GetFiles(folder).Select(Path.GetFileName).ToHashSet();

        index.Upsert([4UL], [Unit(4)]);
        index.Save(path);
        // A crash while writing the next save leaves stray files but the manifest still names the last complete one.
        File.WriteAllText(path + ".tmp", "torn");
        File.WriteAllText(path + ".1.99", "torn");

        using var loaded = VectorIndex.OpenOrCreate(path, Dimensions, segmentCapacity: 2);
        Assert.Equal(4, loaded.Count);
        Assert.Equal(4UL, loaded.Search(Unit(4), 1).Single().Key);
        // The first segment did not change, so its file from the first save is reused, not written again.
        Assert.Contains("vectors.usearch.0.1", firstSave);
        Assert.True(File.Exists(Path.Combine(folder, "vectors.usearch.0.1")));
        Assert.False(File.Exists(Path.Combine(folder, "vectors.usearch.1.1")));
    }

    [Fact]
    public void An_index_saved_before_segments_still_opens_and_saves_in_the_new_form()
    {
        var path = Path.Combine(folder, "vectors.usearch");
        using (var old = new Cloud.Unum.USearch.USearchIndex(Cloud.Unum.USearch.MetricKind.Cos, Cloud.Unum.USearch.ScalarKind.Float16, Dimensions, 16, 128, 64))
        {
            old.Add(Paperwire.Search.PaperKey.For("2504.05299"), Unit(7));
            old.Save(path);
        }

        File.WriteAllLines(path + ".ids", [$"{Paperwire.Search.PaperKey.For("2504.05299")}\t2504.05299"]);

        using (var opened = VectorIndex.OpenOrCreate(path, Dimensions))
        {
            Assert.True(opened.TryGetPaperId(opened.Search(Unit(7), 1).Single().Key, out var id));
            Assert.Equal("2504.05299", id);
            opened.Save(path);
        }

        using var reopened = VectorIndex.OpenOrCreate(path, Dimensions);
        Assert.Equal(1, reopened.Count);
        Assert.True(reopened.TryGet(Paperwire.Search.PaperKey.For("2504.05299"), out _));
    }

    [Fact]
    public void An_empty_index_answers_with_nothing() =>
        Assert.Empty(VectorIndex.Create(Dimensions).Search(Unit(0), 10));

    [Fact]
    public void The_vector_file_keeps_records_across_reopening_and_ignores_a_torn_tail()
    {
        var path = Path.Combine(folder, "cache.pwvec");
        using (var file = VectorFile.Open(path, Dimensions))
        {
            file.Append([(10UL, Unit(3)), (11UL, Unit(4))]);
        }

        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.Write(new byte[17]);
        }

        using var reopened = VectorFile.Open(path, Dimensions);
        Assert.Equal(2, reopened.Count);
        Assert.True(reopened.TryGet(11, out var vector));
        Assert.Equal(1.0, vector[4], 3);
        reopened.Append([(12UL, Unit(5))]);
        Assert.True(reopened.TryGet(12, out _));
        Assert.Equal(12 + (3 * (8 + (Dimensions * 2))), new FileInfo(path).Length);
    }

    private static float[] Unit(int axis)
    {
        var vector = new float[Dimensions];
        vector[axis] = 1;
        return vector;
    }

    private static float[] RandomUnit(Random random)
    {
        var vector = Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        return VectorMath.Normalized(vector);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
