using System.Text.RegularExpressions;

namespace Paperwire.Tests.Web.Hostile;

/// <summary>One payload of the corpus, as it goes on the wire (percent-encoded), with <c>{key}</c> still to expand.</summary>
public sealed record HostilePayload(string Category, string Wire, bool InCi)
{
    /// <summary>The wire text for parameter <paramref name="key"/> (its own name replaces <c>{key}</c>).</summary>
    public string For(string key) => Wire.Replace("{key}", Uri.EscapeDataString(key), StringComparison.Ordinal);

    /// <summary>What the app sees once the wire text is decoded (for JSON bodies, which carry text, not bytes).</summary>
    public string Decoded(string key) => Uri.UnescapeDataString(For(key));

    public override string ToString() => Wire.Length <= 60 ? Wire : $"{Wire[..40]}… ({Wire.Length} chars)";
}

/// <summary>Reads <c>payloads.txt</c>, the corpus both the CI suite and <c>bench/hostile.sh</c> send.</summary>
public static partial class HostilePayloads
{
    public static IReadOnlyList<HostilePayload> All { get; } = Load(Path.Combine(AppContext.BaseDirectory, "Web", "Hostile", "payloads.txt"));

    public static IReadOnlyList<HostilePayload> Ci { get; } = [.. All.Where(p => p.InCi)];

    private static List<HostilePayload> Load(string path)
    {
        var payloads = new List<HostilePayload>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = Line().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"{path}: cannot read '{line}'");
            }

            var wire = Repeat().Replace(match.Groups["payload"].Value, m => string.Concat(Enumerable.Repeat(m.Groups["text"].Value, int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture))));
            payloads.Add(new HostilePayload(match.Groups["category"].Value, wire.Replace("{empty}", "", StringComparison.Ordinal), match.Groups["ci"].Value == "*"));
        }

        return payloads;
    }

    [GeneratedRegex(@"^(?<ci>[*-])\s+(?<category>\S+)\s+(?<payload>\S+)$")]
    private static partial Regex Line();

    [GeneratedRegex(@"\{(?<count>\d+)\*(?<text>[^}]+)\}")]
    private static partial Regex Repeat();
}
