using System.Buffers.Binary;

namespace Paperwire.Search.Embeddings;

/// <summary>
/// Vectors as little-endian half-precision floats: the form of the vector cache file and of the vectors stored in
/// the database. Half precision changes cosine similarities by about 1e-3 and halves the bytes.
/// </summary>
public static class HalfVectors
{
    public static byte[] Encode(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * 2];
        Encode(vector, bytes);
        return bytes;
    }

    public static void Encode(ReadOnlySpan<float> vector, Span<byte> destination)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)vector[i]);
        }
    }

    public static float[] Decode(ReadOnlySpan<byte> source) => Decode(source, source.Length / 2);

    public static float[] Decode(ReadOnlySpan<byte> source, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(i * 2)..]);
        }

        return vector;
    }
}
