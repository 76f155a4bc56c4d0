using Microsoft.Extensions.Options;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Search;
using Paperwire.Search.Embeddings;

namespace Paperwire.Tests.Search;

/// <summary>
/// <c>Search:EmbeddingModel = arctic-embed-xs-int8</c>: our int8 quantization of the model loads from this build, gives
/// vectors close to the float model's on real abstracts, and never takes the float model's shipped vectors.
/// </summary>
public sealed class Int8ModelTests : IClassFixture<Int8ModelTests.Models>
{
    private readonly Models models;

    public Int8ModelTests(Models models) => this.models = models;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Int8Model_GivesVectorsCloseToTheFloatModels_OnRealAbstracts()
    {
        string[] abstracts = [.. DemoCorpusLoader.ReadPapers().Take(16).Select(p => $"{p.Title}. {p.Summary}")];

        var int8 = models.Quantized.EmbedDocuments(abstracts, Cancel);
        var float32 = models.FullPrecision.EmbedDocuments(abstracts, Cancel);

        // Measured on 512 abstracts of the arXiv sample: mean 0.9985, lowest 0.9974 (docs/search.md).
        var cosines = int8.Zip(float32, (a, b) => VectorMath.Dot(a, b)).ToArray();
        Assert.All(cosines, c => Assert.InRange(c, 0.99, 1.0001));
        Assert.True(cosines.Average() > 0.997, $"mean cosine {cosines.Average():F4}");
        Assert.All(int8, v => Assert.Equal(1.0, VectorMath.Dot(v, v), 3));
    }

    [Fact]
    public void Int8Model_FindsThePaperAParaphraseDescribes()
    {
        string[] papers =
        [
            "Chain-of-Verification Reduces Hallucination in Large Language Models. Generation of plausible yet incorrect factual information is an unsolved issue in large language models.",
            "Black Hole Shadows in Modified Gravity. We compute the apparent size of the event horizon seen by a distant observer.",
            "Protein Structure Prediction with Attention. We predict the three-dimensional fold of amino acid chains.",
        ];

        var vectors = models.Quantized.EmbedDocuments(papers, Cancel);
        var query = models.Quantized.EmbedQuery("stopping chatbots from confidently making up false facts");

        Assert.Equal(0, Enumerable.Range(0, papers.Length).MaxBy(i => VectorMath.Dot(query, vectors[i])));
    }

    [Fact]
    public void Int8Model_HasANameOfItsOwn_SoItNeverTakesTheShippedFloatVectors()
    {
        var paper = DemoCorpusLoader.ReadPapers().First();
        var text = $"{paper.Title}. {paper.Summary}";
        var shipped = EmbeddingStore.LoadShipped();
        var folder = Directory.CreateTempSubdirectory("paperwire-int8-").FullName;
        try
        {
            using var store = new EmbeddingStore(models.Quantized, VectorFile.Open(Path.Combine(folder, "embeddings.pwvec"), 384), shipped);

            Assert.Equal("snowflake-arctic-embed-xs-int8", models.Quantized.ModelName);
            Assert.Equal("snowflake-arctic-embed-xs", models.FullPrecision.ModelName);
            Assert.True(shipped.ContainsKey(EmbeddingStore.ShippedKey(text)));
            Assert.False(store.TryGetKnown(store.Hash(text), out _));
            store.GetOrEmbed([text], out var embedded, Cancel);
            Assert.Equal(1, embedded);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("arctic-embed-xl")]
    [InlineData("")]
    public void AnUnknownModel_IsRefused_NamingTheModelsThatExist(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => new ArcticEmbedder(Options.Create(new SearchOptions { EmbeddingModel = setting })));

        Assert.StartsWith($"Search:EmbeddingModel '{setting}' is not a model Paperwire knows; use arctic-embed-xs or arctic-embed-xs-int8.", error.Message);
    }

    public sealed class Models : IDisposable
    {
        public ArcticEmbedder FullPrecision { get; } = new(Options.Create(new SearchOptions()));

        public ArcticEmbedder Quantized { get; } = new(Options.Create(new SearchOptions { EmbeddingModel = "arctic-embed-xs-int8" }));

        public void Dispose()
        {
            FullPrecision.Dispose();
            Quantized.Dispose();
        }
    }
}
