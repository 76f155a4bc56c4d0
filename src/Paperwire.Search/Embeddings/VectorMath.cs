namespace Paperwire.Search.Embeddings;

internal static class VectorMath
{
    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(vector, vector));
        var result = vector.ToArray();
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(result, norm, result);
        }

        return result;
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
