using System.CommandLine;
using System.Globalization;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.Snapshot;
using Paperwire.Recommend;
using Paperwire.Recommend.Evaluation;

namespace Paperwire.Cli;

/// <summary>
/// <c>paperwire eval recommend</c>: synthetic readers over the shipped arXiv sample and its shipped vectors
/// (docs/recommend.md); prints nDCG@10, precision@10 and recall@50 per kind of reader for the baselines and the
/// model. Needs no database and no data folder.
/// </summary>
public static class EvalRecommendCommand
{
    public static Command Create()
    {
        var readers = new Option<int>("--readers") { Description = "Synthetic readers of each kind.", DefaultValueFactory = _ => 50 };
        var known = new Option<int>("--known") { Description = "Known positives per reader (under 3: every reader is a cold start).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Makes the readers; the same seed makes the same readers.", DefaultValueFactory = _ => 42 };
        var corpus = new Option<FileInfo>("--corpus") { Description = "arXiv snapshot lines with shipped vectors (default: the shipped sample)." };
        var command = new Command("recommend", "Measure personal ranking (For you) against baselines on synthetic readers.");
        command.Options.Add(readers);
        command.Options.Add(known);
        command.Options.Add(seed);
        command.Options.Add(corpus);
        command.SetAction(parseResult =>
        {
            var settings = new EvaluationSettings
            {
                ReadersPerKind = parseResult.GetValue(readers),
                KnownPositives = parseResult.GetValue(known),
                Seed = parseResult.GetValue(seed),
            };
            if (settings.ReadersPerKind < 1 || settings.KnownPositives < 1)
            {
                return CliErrors.Usage("--readers and --known must be at least 1.");
            }

            var path = parseResult.GetValue(corpus)?.FullName ?? new DemoCorpusOptions().ArxivSamplePath;
            if (!File.Exists(path))
            {
                return CliErrors.Usage($"{path}: no such file.");
            }

            var papers = LoadCorpus(path);
            var scores = RecommendEvaluation.Run(papers, settings, new RecommendOptions());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{papers.Papers.Count:N0} papers; {settings.ReadersPerKind} readers of each kind, {settings.KnownPositives} known positives each, seed {settings.Seed}"));
            Print(scores);
            return 0;
        });
        return command;
    }

    /// <summary>The sample as the importer stores it, so that each paper's text finds its shipped vector.</summary>
    internal static EvaluationCorpus LoadCorpus(string path) =>
        EvaluationCorpus.FromPapers(File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select((line, i) => SnapshotParser.Parse(line, i + 1).Paper)
            .OfType<Core.Papers.Paper>());

    private static void Print(IReadOnlyList<MethodScores> scores)
    {
        foreach (var group in scores.GroupBy(s => s.Kind))
        {
            Console.WriteLine();
            Console.WriteLine($"{(group.Key?.ToString() ?? "all readers") + $" ({group.First().Readers})",-32} {"nDCG@10",8} {"P@10",6} {"R@50",6} {"dismissed@10",13}");
            foreach (var score in group)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {score.Method,-30} {score.Ndcg10,8:F3} {score.Precision10,6:F3} {score.Recall50,6:F3} {score.Dismissed10,13:F3}"));
            }
        }
    }
}
