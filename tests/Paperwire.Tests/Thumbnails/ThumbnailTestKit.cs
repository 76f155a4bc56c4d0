using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Thumbnails;

namespace Paperwire.Tests.Thumbnails;

/// <summary>
/// An app whose thumbnail worker fetches from a fixture arXiv and is run by the test (its loop is off), with no pause
/// between requests; the fake clock stands still unless the test moves it.
/// </summary>
internal static class ThumbnailTestKit
{
    public const string Contact = "thumbnail-tests@example.org";
    public static readonly DateOnly FeedDay = new(2026, 5, 28);

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<TestApp> StartAsync(FixtureServer arxiv, DatabaseProvider provider = DatabaseProvider.Sqlite, params (string Key, string Value)[] settings) =>
        await TestApp.StartAsync(provider, demo: false, settings: Settings(arxiv, settings));

    /// <summary>The settings of <see cref="StartAsync"/>, for another node of the same cluster.</summary>
    public static Dictionary<string, string?> Settings(FixtureServer arxiv, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Paperwire:Thumbnails:Enabled"] = "true",
            ["Paperwire:Thumbnails:Worker"] = "false",
            ["Paperwire:Thumbnails:PdfUrl"] = arxiv.BaseAddress + "pdf/{id}",
            ["Paperwire:Thumbnails:Delay"] = "00:00:00",
            ["Ingest:Arxiv:Contact"] = Contact,
        };
        foreach (var (key, value) in settings)
        {
            values[$"Paperwire:Thumbnails:{key}"] = value;
        }

        return values;
    }

    /// <summary>The tests need Poppler's pdftoppm (test.sh installs poppler-utils).</summary>
    public static void RequirePdftoppm() =>
        RequiredComponent.Require(PdfRenderer.Find("pdftoppm") is not null, "pdftoppm (Debian's poppler-utils)", "test.sh installs it; or apt-get install poppler-utils");

    /// <summary>A feed paper on <see cref="FeedDay"/>, <paramref name="minutes"/> after 08:00 (larger: newer).</summary>
    public static Paper FeedPaper(string id, int minutes)
    {
        var paper = PaperFactory.InFeed(id, FeedDay, title: $"Paper {id}");
        paper.FeedEntry!.SubmittedAt = new DateTimeOffset(FeedDay.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero).AddMinutes(minutes);
        return paper;
    }

    public static void ServePdf(this FixtureServer arxiv, string id, params FixtureResponse[] responses) =>
        arxiv.On(r => r.Path == "/pdf/" + id, responses);

    public static int RequestsFor(this FixtureServer arxiv, string id) => arxiv.Requests.Count(r => r.Path == "/pdf/" + id);

    public static Task<ThumbnailRun> RunThumbnailsAsync(this TestApp app) =>
        app.Services.GetRequiredService<ThumbnailWorker>().RunOnceAsync(Cancel);

    public static Task<PaperThumbnail?> ThumbnailRowAsync(this TestApp app, string id) =>
        app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(db.PaperThumbnails, t => t.PaperId == id, Cancel));

    public static string ThumbnailFolder(this TestApp app) => Path.Combine(app.Database.DataDirectory, "thumbnails");

    /// <summary>Every file in the thumbnails folder (temporaries included), by name.</summary>
    public static string[] ThumbnailFiles(this TestApp app) =>
        Directory.Exists(app.ThumbnailFolder()) ? [.. Directory.EnumerateFiles(app.ThumbnailFolder()).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];
}

/// <summary>Keeps what was logged, to count the lines a condition produces.</summary>
internal sealed class LogLines<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> All => [.. lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
}
