namespace Paperwire.Fuzz;

/// <summary>
/// A parser of outside input, wrapped for fuzzing. The property every target shares: for any bytes, the parser
/// returns (a result or a rejection) or throws one of <see cref="Rejections"/>, the exceptions it documents for
/// bad input; any other exception is a crash. Time and memory are bounded by whoever runs it (afl-fuzz -t, the
/// replay test's timeout, DOTNET_GCHeapHardLimit in bench/fuzz.sh).
/// </summary>
public sealed class FuzzTarget(string name, string reads, Action<byte[]> parse, params Type[] rejections)
{
    public string Name { get; } = name;

    /// <summary>What the target reads, for <c>list</c> and the docs.</summary>
    public string Reads { get; } = reads;

    public IReadOnlyList<Type> Rejections { get; } = rejections;

    /// <summary>Feeds <paramref name="input"/> to the parser; throws only when the property is broken.</summary>
    public void Run(byte[] input)
    {
        try
        {
            parse(input);
        }
        catch (Exception error) when (Rejections.Contains(error.GetType()))
        {
            // A clear rejection of bad input is what the parser should do.
        }
    }
}

/// <summary>A parser's output broke a promise it makes (e.g. sanitized HTML that still carries a script).</summary>
public sealed class PropertyViolationException(string message) : Exception(message);
