using Microsoft.Extensions.DependencyInjection;
using Paperwire.Hosting;
using Paperwire.Ingest.HuggingFace;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Tests.Ingest;

/// <summary>Runs the Hugging Face importer against a test app's database, with the registrations the CLI uses.</summary>
internal static class HuggingFaceImports
{
    public static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paperwire.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "Paperwire.Tests", "Ingest", "Fixtures", "hf", name);
            }
        }

        throw new DirectoryNotFoundException($"No Paperwire.slnx above {AppContext.BaseDirectory}.");
    }

    public static async Task<ImportSummary> ImportAsync(TestApp target, HfImportRequest request, List<RejectedRecord>? rejects = null, List<ImportProgress>? progress = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaperwireApplication(new PaperwireSettings(target.Database.DataDirectory, target.Database.Settings));
        services.AddHuggingFaceImport();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<HuggingFaceImporter>();
        return await importer.ImportAsync(request, new ImportOptions(BatchSize: 3, OnReject: rejects is null ? null : rejects.Add), progress is null ? null : new Collect(progress), TestContext.Current.CancellationToken);
    }

    /// <summary>Collects reports on the importing thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Collect(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
