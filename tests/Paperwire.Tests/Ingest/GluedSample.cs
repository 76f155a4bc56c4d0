using System.Text.Json.Nodes;

namespace Paperwire.Tests.Ingest;

/// <summary>
/// The shipped arXiv sample as an earlier copy had it: in a few abstracts, words glued together where the source once
/// had line breaks. Every other line is the shipped one byte for byte.
/// </summary>
internal static class GluedSample
{
    /// <summary>"Generative Agent-Based Modeling: Unveiling Social System Dynamics through …" (2023).</summary>
    public const string Agents = "2309.11456";

    /// <summary>"Research on the Impact of Executive Shareholding on New Investment in Enterprises …" (2023).</summary>
    public const string Shareholding = "2309.10986";

    public static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "DemoCorpus", "arxiv-sample.jsonl");

    /// <summary>A few of the places the earlier copy had glued, as they read now and as they read then.</summary>
    public static readonly (string Id, string Repaired, string Glued)[] Places =
    [
        (Agents, "feedback-rich computational", "feedback-richcomputational"),
        (Agents, "such individual-level", "suchindividual-level"),
        (Agents, "to represent", "torepresent"),
        (Shareholding, "linear regression", "linearregression"),
    ];

    /// <summary>Writes the glued copy into <paramref name="folder"/> and returns its path.</summary>
    public static async Task<string> WriteAsync(string folder)
    {
        var lines = await File.ReadAllLinesAsync(Shipped, TestContext.Current.CancellationToken);
        for (var i = 0; i < lines.Length; i++)
        {
            var record = JsonNode.Parse(lines[i])!.AsObject();
            var id = (string)record["id"]!;
            var places = Places.Where(p => p.Id == id).ToList();
            if (places.Count == 0)
            {
                continue;
            }

            var text = (string)record["abstract"]!;
            foreach (var (_, repaired, glued) in places)
            {
                Assert.Contains(repaired, text, StringComparison.Ordinal);
                text = text.Replace(repaired, glued, StringComparison.Ordinal);
            }

            record["abstract"] = text;
            lines[i] = record.ToJsonString();
        }

        var path = Path.Combine(folder, "arxiv-sample-glued.jsonl");
        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);
        return path;
    }
}
