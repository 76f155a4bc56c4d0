using Paperwire.Bench.Search;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Bench.Search.Phases;

// Search at a million papers (issue 4): index build, memory, latency, ANN recall and embedding throughput.
// bench/search.sh runs each phase in its own process, so each starts as a restarted server would.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception error) when (error is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

Console.WriteLine($"machine: {Machine.Describe()}");
using var context = new BenchContext(options);
var met = true;
if (options.Phase is "all" or "build")
{
    BuildPhase.Run(context);
}

if (options.Phase is "all" or "latency")
{
    met &= LatencyPhase.Run(context);
}

if (options.Phase is "all" or "recall")
{
    met &= RecallPhase.Run(context);
}

if (options.Phase is "all" or "recall-model")
{
    RecallModelPhase.Run(context);
}

if (options.Phase is "all" or "resolve")
{
    ResolvePhase.Run(context);
}

if (options.Phase is "all" or "vector-threads")
{
    VectorThreadsPhase.Run(context);
}

if (options.Phase is "all" or "embedding")
{
    met &= EmbeddingPhase.Run(context);
}

if (options.Phase is "all" or "embedding-int8")
{
    met &= EmbeddingInt8Phase.Run(context);
}

if (options.Phase is "glance")
{
    GlancePhase.Run(context);
}

return met ? 0 : 1;
