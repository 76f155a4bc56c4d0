using Paperwire.Search.Keyword;

namespace Paperwire.Tests.Search;

public sealed class HighlighterTests
{
    private static IReadOnlyList<HighlightSegment> Highlight(string query, string text)
    {
        using var index = new TemporaryKeywordIndex();
        return new Highlighter(index.Index.Analyzer, UserQuery.Parse(query)).Highlight(text);
    }

    [Fact]
    public void Stemmed_matches_are_marked_and_the_segments_rebuild_the_text()
    {
        const string text = "Graph Neural Networks, a network of networking ideas.";

        var segments = Highlight("network graphs", text);

        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
        Assert.Equal(["Graph", "Networks", "network", "networking"], segments.Where(s => s.Highlighted).Select(s => s.Text));
    }

    [Fact]
    public void Stop_words_and_symbols_mark_nothing()
    {
        var segments = Highlight("the of *", "The theory of everything");

        Assert.DoesNotContain(segments, s => s.Highlighted);
        Assert.Equal("The theory of everything", string.Concat(segments.Select(s => s.Text)));
    }

    [Fact]
    public void Phrase_words_are_marked_too() =>
        Assert.Equal(["event", "horizon"], Highlight("\"event horizon\"", "The event horizon.").Where(s => s.Highlighted).Select(s => s.Text));

    [Fact]
    public void Unicode_text_survives_intact()
    {
        const string text = "Große Modelle für 日本語 and émojis 🧪 in text";

        var segments = Highlight("modelle 🧪", text);

        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
        Assert.Contains(segments, s => s.Highlighted && s.Text == "Modelle");
    }
}

internal sealed class TemporaryKeywordIndex : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("paperwire-keyword-").FullName;

    public TemporaryKeywordIndex() => Index = KeywordIndex.Open(folder);

    public KeywordIndex Index { get; }

    public void Dispose()
    {
        Index.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
