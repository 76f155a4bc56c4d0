using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperwire.Hosting;
using Paperwire.Search;
using Paperwire.Search.Evaluation;
using Paperwire.Search.Hybrid;
using Paperwire.Search.Indexing;

namespace Paperwire.Cli;

/// <summary>
/// <c>paperwire eval search QUERIES.json</c>: brings this data folder's search index up to date, then prints
/// nDCG@10, MRR and recall@10 for keyword-only, embedding-only and hybrid search.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("QUERIES.json") { Description = "Judged queries (see eval/search-queries.json)." };
        var search = new Command("search", "Measure search quality on a file of judged queries.");
        var sweep = new Option<bool>("--sweep") { Description = "Also score hybrid search under a grid of fusion settings (to choose the defaults)." };
        search.Arguments.Add(file);
        var perQuery = new Option<bool>("--per-query") { Description = "Also print nDCG@10 of every query under each method." };
        search.Options.Add(sweep);
        search.Options.Add(perQuery);
        search.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CliErrors.Guard(() => new PaperwireSettings(
                CommonOptions.ResolveDataDirectory(parseResult),
                CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            var path = parseResult.GetValue(file)!.FullName;
            EvaluationSet set;
            try
            {
                set = EvaluationSet.Load(path);
            }
            catch (Exception error) when (error is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                return 2;
            }

            return await CliErrors.RunAsync(async () =>
            {
                using var host = PaperwireCommandHost.Create(settings);
                await host.MigrateAsync(cancellationToken);
                await using var scope = host.Services.CreateAsyncScope();
                var indexes = scope.ServiceProvider.GetRequiredService<SearchIndexes>();
                await scope.ServiceProvider.GetRequiredService<IndexUpdater>().CatchUpAsync(indexes.Current, cancellationToken);

                var scores = new SearchEvaluation(scope.ServiceProvider.GetRequiredService<PaperSearch>()).Run(set);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set.Queries.Count} queries, {indexes.Current.Keyword.Count:N0} papers indexed"));
                Console.WriteLine($"{"method",-10} {"nDCG@10",8} {"MRR",8} {"recall@10",10}");
                foreach (var score in scores)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score.Mode.ToString().ToLowerInvariant(),-10} {score.Ndcg,8:F3} {score.Mrr,8:F3} {score.Recall,10:F3}"));
                }

                if (parseResult.GetValue(perQuery))
                {
                    Console.WriteLine();
                    Console.WriteLine($"{"keyword",8} {"semantic",8} {"hybrid",8}  query");
                    foreach (var (judged, keyword, semantic, hybrid) in new SearchEvaluation(scope.ServiceProvider.GetRequiredService<PaperSearch>()).PerQuery(set))
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{keyword,8:F3} {semantic,8:F3} {hybrid,8:F3}  {judged.Query}"));
                    }
                }

                if (parseResult.GetValue(sweep))
                {
                    var options = scope.ServiceProvider.GetRequiredService<IOptions<SearchOptions>>().Value;
                    Console.WriteLine();
                    Console.WriteLine($"{"fusion",-10} {"weight",6} {"k",4} {"nDCG@10",8} {"MRR",8} {"recall@10",10}");
                    foreach (var (fusion, score) in SearchEvaluation.Sweep(indexes, options, set))
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{fusion.Method.ToString().ToLowerInvariant(),-10} {fusion.SemanticWeight,6:F1} {fusion.RrfK,4} {score.Ndcg,8:F3} {score.Mrr,8:F3} {score.Recall,10:F3}"));
                    }
                }
            });
        });

        var eval = new Command("eval", "Measure quality.");
        eval.Subcommands.Add(search);
        eval.Subcommands.Add(EvalRecommendCommand.Create());
        return eval;
    }
}
