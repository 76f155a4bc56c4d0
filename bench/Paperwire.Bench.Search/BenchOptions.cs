using System.Globalization;

namespace Paperwire.Bench.Search;

/// <summary>Command line of the benchmark (bench/search.sh passes these through).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: Paperwire.Bench.Search [all|build|latency|recall|recall-model|resolve|vector-threads|embedding] [options]
          --papers N          corpus size (default 1000000; e.g. 20000 for a smoke run)
          --seed N            corpus and query seed (default 20261128)
          --work DIR          indexes and caches (default /tmp/paperwire-bench-search)
          --repo DIR          the Paperwire repository (default: found above this program)
          --rebuild           build the indexes again even when this size and seed exist
          --measured N        timed queries per latency row, after a warm-up pass (default 1000)
          --filtered-only     latency: only the filtered rows and the unfiltered vector and hybrid rows beside them
          --exact-scan-limit N  Search:FilteredExactScanLimit for the searches (default: the app's)
          --held-out N        held-out paper vectors among the recall queries (default 500)
          --embed-texts N     abstracts for the embedding throughput rows (default 512)
          --wrapper-texts N   of those, how many the SentenceEncoder wrapper gets (default 64; it is slow)
          --model-papers N    corpus size of the recall-model phase (default 100000)
          --model-noise LIST  its noise models, e.g. Isotropic:0.3,DataShaped:0.5 (default: both shapes at 0.3, data-shaped at 0.5)
          --model-graphs LIST its graphs as connectivity/expansion-add, e.g. 16/128,32/256 (default 16/128)
          --glance-papers N   papers the glance phase times its key sentences and keywords over (default 200)
          --glance-sample N   of those, how many it prints for judging (default 30)
        """;

    public string Phase { get; init; } = "all";

    public int Papers { get; init; } = 1_000_000;

    public ulong Seed { get; init; } = 20261128;

    public string Work { get; init; } = "/tmp/paperwire-bench-search";

    public string? Repository { get; init; }

    public bool Rebuild { get; init; }

    public int Measured { get; init; } = 1000;

    public bool FilteredOnly { get; init; }

    public int? ExactScanLimit { get; init; }

    public int HeldOut { get; init; } = 500;

    public int EmbedTexts { get; init; } = 512;

    public int WrapperTexts { get; init; } = 64;

    public int ModelPapers { get; init; } = 100_000;

    public string ModelNoise { get; init; } = "Isotropic:0.3,DataShaped:0.3,DataShaped:0.5";

    public string ModelGraphs { get; init; } = "16/128";

    public int GlancePapers { get; init; } = 200;

    public int GlanceSample { get; init; } = 30;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "all" or "build" or "latency" or "recall" or "recall-model" or "resolve" or "vector-threads" or "embedding" or "embedding-int8" or "glance" => options with { Phase = args[i] },
                "--papers" => options with { Papers = Number() },
                "--seed" => options with { Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture) },
                "--work" => options with { Work = Value() },
                "--repo" => options with { Repository = Value() },
                "--rebuild" => options with { Rebuild = true },
                "--measured" => options with { Measured = Number() },
                "--filtered-only" => options with { FilteredOnly = true },
                "--exact-scan-limit" => options with { ExactScanLimit = Number() },
                "--held-out" => options with { HeldOut = Number() },
                "--embed-texts" => options with { EmbedTexts = Number() },
                "--wrapper-texts" => options with { WrapperTexts = Number() },
                "--model-papers" => options with { ModelPapers = Number() },
                "--model-noise" => options with { ModelNoise = Value() },
                "--model-graphs" => options with { ModelGraphs = Value() },
                "--glance-papers" => options with { GlancePapers = Number() },
                "--glance-sample" => options with { GlanceSample = Number() },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }

        return options;
    }
}
