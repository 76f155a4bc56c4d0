namespace Paperwire.Ingest.DemoCorpus;

/// <summary>Configuration section <c>Paperwire:DemoCorpus</c>: what a first start loads into an empty database.</summary>
public sealed class DemoCorpusOptions
{
    public const string Section = "Paperwire:DemoCorpus";

    /// <summary>Load the 67-paper Daily Papers page into an empty database (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Also load the 4,269-record arXiv sample into the catalog, in the background (default on).</summary>
    public bool ArxivSample { get; set; } = true;

    /// <summary>Where the sample lives; the build copies it next to the executable.</summary>
    public string ArxivSamplePath { get; set; } = Path.Combine(AppContext.BaseDirectory, "DemoCorpus", "arxiv-sample.jsonl");
}
