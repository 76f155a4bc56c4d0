using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Paperwire.Search.Keyword;

/// <summary>A run of text, marked when it matched the query.</summary>
public sealed record HighlightSegment(string Text, bool Highlighted);

/// <summary>
/// Marks the words of a title or abstract that match the query, by running both through the same English
/// analyzer the index uses: "network" in the query marks "Networks" in the title, stop words mark nothing.
/// </summary>
public sealed class Highlighter
{
    private readonly Analyzer analyzer;
    private readonly HashSet<string> terms;

    internal Highlighter(Analyzer analyzer, UserQuery query)
    {
        this.analyzer = analyzer;
        var text = string.Join(' ', query.Phrases.Prepend(query.FreeText));
        terms = [.. KeywordQuery.Analyze(analyzer, PaperFields.Abstract, text)];
    }

    public IReadOnlyList<HighlightSegment> Highlight(string text)
    {
        var segments = new List<HighlightSegment>();
        var position = 0;
        if (terms.Count > 0 && text.Length > 0)
        {
            using var stream = analyzer.GetTokenStream(PaperFields.Abstract, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                if (!terms.Contains(term.ToString()) || offset.StartOffset < position)
                {
                    continue;
                }

                if (offset.StartOffset > position)
                {
                    segments.Add(new(text[position..offset.StartOffset], false));
                }

                segments.Add(new(text[offset.StartOffset..offset.EndOffset], true));
                position = offset.EndOffset;
            }

            stream.End();
        }

        if (position < text.Length)
        {
            segments.Add(new(text[position..], false));
        }

        return segments;
    }
}
