using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Personal ranking (issue 12): ranking 10k and 100k candidates against the brute-force ceiling, and training.
// Run: dotnet run -c Release --project bench/Paperwire.Bench.Recommend -- --filter '*' [--job short]
// Results: docs/benchmarks.md, "Personal ranking (issue 12)".
var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median, StatisticColumn.P95);
BenchmarkSwitcher.FromAssembly(typeof(Paperwire.Bench.Recommend.RankingBenchmarks).Assembly).Run(args, config);
