using Paperwire.Search.Embeddings;
using Paperwire.Search.Vectors;

namespace Paperwire.Tests.Search;

/// <summary>The int8 copy that filtered searches scan: its arithmetic is exact, its scores close to the cosine.</summary>
public sealed class Int8VectorsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(384)]
    [InlineData(385)]
    public void The_byte_dot_product_equals_the_plain_sum_of_products_at_any_length(int length)
    {
        var random = new Random(length);
        var a = new sbyte[length];
        var b = new sbyte[length];
        for (var i = 0; i < length; i++)
        {
            // The extremes too: -127 × -127 in every lane is where a 16-bit sum would overflow.
            a[i] = (sbyte)(i % 5 == 0 ? -127 : random.Next(-127, 128));
            b[i] = (sbyte)(i % 5 == 0 ? -127 : random.Next(-127, 128));
        }

        var expected = 0;
        for (var i = 0; i < length; i++)
        {
            expected += a[i] * b[i];
        }

        Assert.Equal(expected, Int8Vectors.DotProduct(a, b));
    }

    [Fact]
    public void Scores_of_unit_vectors_are_within_two_hundredths_of_their_cosine()
    {
        const int dimensions = 384;
        var random = new Random(11);
        var vectors = new Int8Vectors(dimensions, 200);
        var originals = Enumerable.Range(0, 200).Select(_ => RandomUnit(random, dimensions)).ToArray();
        foreach (var vector in originals)
        {
            vectors.Add(vector);
        }

        var query = RandomUnit(random, dimensions);
        var quantized = new sbyte[dimensions];
        var scale = Int8Vectors.Quantize(query, quantized);
        for (var i = 0; i < originals.Length; i++)
        {
            Assert.InRange(vectors.Dot(i, quantized, scale) - VectorMath.Dot(query, originals[i]), -0.02f, 0.02f);
        }
    }

    [Fact]
    public void A_zero_vector_scores_zero_instead_of_dividing_by_zero()
    {
        var vectors = new Int8Vectors(4, 1);
        vectors.Add(new float[4]);
        var quantized = new sbyte[4];
        var scale = Int8Vectors.Quantize([0.5f, 0.5f, 0.5f, 0.5f], quantized);

        Assert.Equal(0f, vectors.Dot(0, quantized, scale));
    }

    private static float[] RandomUnit(Random random, int dimensions) =>
        VectorMath.Normalized([.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))]);
}
