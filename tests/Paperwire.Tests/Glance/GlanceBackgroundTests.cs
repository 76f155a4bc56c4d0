using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Glance;
using Paperwire.Storage;
using Paperwire.Storage.Embeddings;
using Paperwire.Tests.Embeddings;
using Paperwire.Tests.SearchWeb;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.Glance;

/// <summary>
/// Key sentences and keywords are computed in the background once a paper has its vector, served as HF's
/// <c>ai_summary</c>/<c>ai_keywords</c> and shown on the paper page, and computed again only when the text changes.
/// </summary>
public sealed class GlanceBackgroundTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> GlanceOn = new() { ["Search:Glance"] = "true" };

    private readonly string folder = Directory.CreateTempSubdirectory("paperwire-glance-").FullName;
    private TestDatabase? database;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Papers_get_a_key_sentence_and_keywords_from_their_abstract_in_the_api_and_on_their_page(DatabaseProvider provider)
    {
        await using var node = await NodeAsync(provider, new CountingEmbedder());
        var papers = TwoTopics();
        await node.AddPapersAsync(papers);
        await UntilGlancedAsync(node, papers.Length);

        var paper = papers[3];
        using var json = await PaperJsonAsync(node.Client, paper.Id);
        var sentence = json.RootElement.GetProperty("ai_summary").GetString();
        Assert.Contains(sentence, SentenceSplitter.Split(paper.Summary));
        string[] keywords = [.. json.RootElement.GetProperty("ai_keywords").EnumerateArray().Select(k => k.GetString()!)];
        Assert.InRange(keywords.Length, 1, 5);
        Assert.All(keywords, k => Assert.Contains(k, paper.Summary, StringComparison.OrdinalIgnoreCase));

        var page = await node.Client.GetStringAsync($"/papers/{paper.Id}", Cancel);
        Assert.Contains("Key sentence", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(keywords[0]), page, StringComparison.Ordinal);
        Assert.DoesNotContain("AI summary", page, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_unchanged_text_is_not_computed_again_and_a_changed_abstract_is(DatabaseProvider provider)
    {
        var model = new CountingEmbedder();
        await using var node = await NodeAsync(provider, model);
        var papers = TwoTopics();
        await node.AddPapersAsync(papers);
        await UntilGlancedAsync(node, papers.Length);
        var embedded = model.Documents;

        // Upvotes change, the text does not: nothing is queued, and a restart's backfill finds nothing to do either.
        var upvoted = Paper(papers[1].Id, new(2026, 1, 6), papers[1].Title, papers[1].Summary, "q-bio.BM");
        upvoted.Upvotes = 12;
        await node.AddPapersAsync(upvoted);
        Assert.Equal(0, await node.QueryAsync(db => db.GlanceQueue.CountAsync(Cancel)));
        Assert.Equal(0, await node.QueryAsync(db => db.EmbeddingQueue.CountAsync(Cancel)));
        await using (var scope = node.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<GlanceJobs>().EnqueueMissingAsync(Cancel));
        }

        Assert.Equal(embedded, model.Documents);

        const string Revised = "Single sequences suffice to predict a protein's fold without alignments. A language model over amino acids replaces the search for homologues.";
        var revised = Paper(papers[0].Id, new(2026, 1, 5), papers[0].Title, Revised, "q-bio.BM");
        await node.AddPapersAsync(revised);
        await UntilAsync(
            async () =>
            {
                using var json = await PaperJsonAsync(node.Client, revised.Id);
                return SentenceSplitterSentences(Revised).Contains(json.RootElement.GetProperty("ai_summary").GetString());
            },
            "the revised abstract's key sentence is served");

        Assert.All(SentenceSplitterSentences(Revised), s => Assert.Equal(1, model.Texts[s]));
        Assert.Equal(1, model.Texts[papers[1].Summary]); // its one sentence, embedded once
        Assert.Equal(0, await node.QueryAsync(db => db.GlanceQueue.CountAsync(Cancel)));
    }

    private static string[] SentenceSplitterSentences(string text) => [.. SentenceSplitter.Split(text)];

    private static async Task<JsonDocument> PaperJsonAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/papers/{id}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>Until every paper has its glance and nothing waits for one.</summary>
    private static Task UntilGlancedAsync(SearchNode node, int papers) => UntilAsync(
        () => node.QueryAsync(async db =>
            await db.PaperGlances.CountAsync(Cancel) == papers && !await db.GlanceQueue.AnyAsync(Cancel) && !await db.EmbeddingQueue.AnyAsync(Cancel)),
        $"all {papers} papers have a key sentence");

    private async Task<SearchNode> NodeAsync(DatabaseProvider provider, ITextEmbedder model)
    {
        database = await TestDatabase.CreateAsync(provider);
        return await SearchNode.StartAsync(database.Settings, folder, embeddings: true, services =>
        {
            services.RemoveAll<ITextEmbedder>();
            services.AddSingleton(model);
        }, settings: GlanceOn);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
