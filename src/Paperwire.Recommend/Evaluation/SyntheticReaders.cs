using Paperwire.Recommend.Signals;

namespace Paperwire.Recommend.Evaluation;

/// <summary>
/// Makes the synthetic readers of the evaluation (docs/recommend.md), the same ones for the same corpus and seed.
/// Topics come from categories and title words; known and held-out papers are disjoint random halves of a topic.
/// </summary>
public sealed class SyntheticReaders
{
    private readonly EvaluationCorpus corpus;
    private readonly EvaluationSettings settings;
    private readonly List<(Topic Topic, HashSet<string> Papers)> categories;
    private readonly List<(Topic Topic, HashSet<string> Papers)> crossCategory;
    private readonly List<(Topic Topic, HashSet<string> Papers)> keywords;

    public SyntheticReaders(EvaluationCorpus corpus, EvaluationSettings settings)
    {
        this.corpus = corpus;
        this.settings = settings;
        // Categories big enough to hold known and held-out papers, small enough that recall@50 means something.
        categories = [.. corpus.Papers.GroupBy(p => p.PrimaryCategory!).Where(g => g.Count() is >= 20 and <= 250)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Members(Topic.Category(g.Key)))];
        keywords = [.. Topic.Keywords.Select(Members)];
        // A topic "across categories" has no category holding more than 80% of it.
        crossCategory = [.. keywords.Where(k => k.Papers.Count >= 14 && k.Papers.GroupBy(PrimaryOf).Max(g => g.Count()) <= 0.8 * k.Papers.Count)];
    }

    public IReadOnlyList<SyntheticReader> Generate()
    {
        var readers = new List<SyntheticReader>();
        foreach (var kind in Enum.GetValues<ReaderKind>())
        {
            for (var i = 0; i < settings.ReadersPerKind; i++)
            {
                var seed = (settings.Seed * 7919) + ((int)kind * 1000) + i;
                readers.Add(Make(kind, seed));
            }
        }

        return readers;
    }

    private SyntheticReader Make(ReaderKind kind, int seed)
    {
        var random = new Random(seed);
        return kind switch
        {
            ReaderKind.SingleCategory => OneTopic(kind, categories, seed, random),
            ReaderKind.CrossCategoryTopic => OneTopic(kind, crossCategory, seed, random),
            ReaderKind.TwoInterests => TwoTopics(seed, random),
            _ => CategoryButNotTopic(seed, random),
        };
    }

    private SyntheticReader OneTopic(ReaderKind kind, List<(Topic Topic, HashSet<string> Papers)> topics, int seed, Random random)
    {
        var (topic, papers) = topics[random.Next(topics.Count)];
        return Reader(kind, topic.Name, seed, random, [papers], [], []);
    }

    /// <summary>Two topics that share at most a tenth of the smaller one's papers.</summary>
    private SyntheticReader TwoTopics(int seed, Random random)
    {
        var all = categories.Concat(crossCategory).ToList();
        while (true)
        {
            var a = all[random.Next(all.Count)];
            var b = all[random.Next(all.Count)];
            if (a.Topic != b.Topic && a.Papers.Count(b.Papers.Contains) <= 0.1 * Math.Min(a.Papers.Count, b.Papers.Count))
            {
                return Reader(ReaderKind.TwoInterests, $"{a.Topic.Name} + {b.Topic.Name}", seed, random, [a.Papers, b.Papers], [], []);
            }
        }
    }

    /// <summary>A category without a keyword topic inside it (at least 6 papers), a few of whose papers the reader dismissed.</summary>
    private SyntheticReader CategoryButNotTopic(int seed, Random random)
    {
        var pairs = (from c in categories
                     from k in keywords
                     let inside = c.Papers.Where(k.Papers.Contains).ToHashSet(StringComparer.Ordinal)
                     where inside.Count >= 6 && c.Papers.Count - inside.Count >= 20
                     select (c.Topic, k.Topic, Wanted: c.Papers.Except(inside).ToHashSet(StringComparer.Ordinal), Unwanted: inside)).ToList();
        var (category, keyword, wanted, unwanted) = pairs[random.Next(pairs.Count)];
        var dismissed = Sample(unwanted, settings.NotInterested, random);
        return Reader(ReaderKind.NotInterestedTopic, $"{category.Name} but not {keyword.Name}", seed, random, [wanted], dismissed, unwanted);
    }

    /// <summary>Known positives from each interest (the rest held out); follows the commonest category of each interest's known papers.</summary>
    private SyntheticReader Reader(ReaderKind kind, string description, int seed, Random random, List<HashSet<string>> interests, List<string> dismissed, HashSet<string> unwanted)
    {
        var perInterest = interests.Count == 1 ? settings.KnownPositives : (settings.KnownPositives + 1) / 2;
        var known = new List<string>();
        var followed = new List<string>();
        foreach (var interest in interests)
        {
            var picked = Sample(interest.Where(id => !known.Contains(id)).ToHashSet(StringComparer.Ordinal), perInterest, random);
            known.AddRange(picked);
            var commonest = picked.GroupBy(PrimaryOf).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            if (!followed.Contains(commonest))
            {
                followed.Add(commonest);
            }
        }

        var heldOut = interests.SelectMany(i => i).Except(known).Except(dismissed).ToHashSet(StringComparer.Ordinal);
        var signals = new ReaderSignals(
            1,
            [.. known.Select(id => new PositiveSignal(Paper(id), SignalKind.Upvote))],
            [.. dismissed.Select(Paper)],
            ReaderFollows.OfCategories([.. followed]));
        return new SyntheticReader(kind, description, seed, signals, heldOut, unwanted);
    }

    private static List<string> Sample(HashSet<string> papers, int count, Random random)
    {
        var ordered = papers.Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(ordered);
        return [.. ordered.Take(count)];
    }

    private (Topic, HashSet<string>) Members(Topic topic) =>
        (topic, corpus.Papers.Where(topic.Contains).Select(p => p.Id).ToHashSet(StringComparer.Ordinal));

    private CatalogPaper Paper(string id) => corpus.Paper(id).Paper;

    private string PrimaryOf(string id) => corpus.Paper(id).PrimaryCategory!;
}
