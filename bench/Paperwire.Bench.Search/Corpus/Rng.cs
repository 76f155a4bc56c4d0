namespace Paperwire.Bench.Search.Corpus;

/// <summary>
/// SplitMix64: small, fast and fully determined by its seed, so paper <c>i</c> comes out the same in every
/// process and on every .NET version (the build, latency and recall phases each regenerate what they need).
/// </summary>
internal struct Rng
{
    private ulong state;

    public Rng(ulong seed, ulong stream)
    {
        state = Mix(seed ^ Mix(stream + 0x632BE59BD9B4E019UL));
    }

    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>Uniform in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)((NextUInt64() >> 32) * (ulong)count >> 32);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller).</summary>
    public float NextGaussian()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
