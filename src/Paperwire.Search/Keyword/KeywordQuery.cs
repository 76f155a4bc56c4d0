using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperwire.Search.Keyword;

/// <summary>Builds the BM25 query for a <see cref="UserQuery"/>: every word in every searched field, phrases required.</summary>
internal static class KeywordQuery
{
    /// <summary>Distinct terms per field; enough for any real query, and a cap on the cost of a pasted page.</summary>
    public const int MaxTermsPerField = 48;

    public static Query? Build(UserQuery query, Analyzer analyzer, double minimumShouldMatch)
    {
        var root = new BooleanQuery();

        // One clause per word (matching it in any field, scores summed), so "how many of the words match" can be
        // required: long natural-language queries otherwise match on their commonest words alone.
        var words = 0;
        foreach (var word in Analyze(analyzer, PaperFields.Authors, query.FreeText).Distinct(StringComparer.Ordinal).Take(MaxTermsPerField))
        {
            var anyField = new BooleanQuery();
            foreach (var (field, boost) in PaperFields.Searched)
            {
                foreach (var term in Analyze(analyzer, field, word))
                {
                    anyField.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
                }
            }

            if (anyField.Clauses.Count > 0)
            {
                root.Add(anyField, Occur.SHOULD);
                words++;
            }
        }

        root.MinimumNumberShouldMatch = RequiredWords(words, minimumShouldMatch);

        foreach (var phrase in query.Phrases.Take(8))
        {
            var either = new DisjunctionMaxQuery(0.1f);
            foreach (var (field, boost) in PaperFields.Searched.Where(f => f.Field is PaperFields.Title or PaperFields.Abstract))
            {
                var terms = Analyze(analyzer, field, phrase).Take(MaxTermsPerField).ToList();
                if (terms.Count == 0)
                {
                    continue;
                }

                var phraseQuery = new PhraseQuery { Boost = boost };
                foreach (var term in terms)
                {
                    phraseQuery.Add(new Term(field, term));
                }

                either.Add(phraseQuery);
            }

            if (either.Disjuncts.Count > 0)
            {
                root.Add(either, Occur.MUST);
            }
        }

        return root.Clauses.Count == 0 ? null : root;
    }

    /// <summary>
    /// How many words must match: none required at share 0 (plain OR); otherwise all of up to three words and
    /// that share of longer queries.
    /// </summary>
    public static int RequiredWords(int words, double share) =>
        share <= 0 ? 0 : words <= 3 ? words : (int)Math.Ceiling(words * share);

    /// <summary>The terms <paramref name="analyzer"/> makes of <paramref name="text"/> for <paramref name="field"/>.</summary>
    public static IEnumerable<string> Analyze(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        if (text.Length == 0)
        {
            return terms;
        }

        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
