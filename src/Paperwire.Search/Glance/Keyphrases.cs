using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace Paperwire.Search.Glance;

/// <summary>A phrase of the abstract that may serve as a keyword: as written, the key equal phrases share, how often it occurs.</summary>
public sealed record KeyphraseCandidate(string Text, string Key, int Count);

/// <summary>
/// Candidate keyphrases without a part-of-speech tagger, in the manner of RAKE: stop words, punctuation, numbers and
/// TeX math cut the abstract into runs of content words, and every run of one to three consecutive words is a
/// candidate. A single word must be specific (not a stock word of abstracts) or an acronym. Acronyms and other
/// mixed-case words keep their case; a word capitalized only because it starts a sentence is lowered.
/// </summary>
public static partial class Keyphrases
{
    public const int MaxWords = 3;

    private static readonly char[] Separators = [' ', '\n', '\r'];

    // Function words, and the verbs and fillers every abstract uses: they end a phrase.
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
        """
        a about above across after again against all almost along already also although always am among an and another any
        anyone anything are around as at be became because become becomes been before being below beside besides between
        beyond both but by can cannot could did do does doing done down due during each either else enough especially even
        ever every few for from further furthermore had has have having he her here hers herself him himself his how however
        i if in into is it its itself just least less like likely made make makes making many may me might more moreover most
        mostly much must my namely neither never nevertheless no nor not nothing now of off often on once one only onto or
        other others otherwise our ours ourselves out over own per perhaps rather same several she should since so some such
        than that the their theirs them themselves then thence there thereby therefore these they this those though through
        throughout thus to together too toward towards under unless until up upon us use used uses using various very via
        was we well were what whatever when where whereas whether which while who whom whose why will with within without
        would yet you your yours
        propose proposes proposed present presents presented introduce introduces introduced show shows showed shown
        demonstrate demonstrates demonstrated achieve achieves achieved obtain obtains obtained provide provides provided
        find finds found study studies studied investigate investigates investigated consider considers considered
        describe describes described discuss discusses discussed develop develops developed report reports reported
        allow allows allowed enable enables enabled lead leads led yield yields yielding outperform outperforms outperformed
        improve improves improved apply applies applied perform performs performed based paper article work works
        here herein new novel first second third finally also respectively significantly substantially extensive
        existing recent recently prior previous previously current currently different differ given without within
        able key main several various important significant effective efficient simple general able terms way ways
        i.e e.g et al etc arxiv fig figure table section approach approaches method methods result results
        """.Split(Separators, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    // Verbs of abstracts in their usual forms ("we prove", "it implies", "constructing"): they end a phrase too. The
    // -ing forms only of verbs whose -ing form is rarely a noun ("learning", "clustering" stay).
    private static readonly FrozenSet<string> Verbs = FrozenSet.ToFrozenSet<string>(
        """
        prove define generalize generalise construct represent imply contain integrate establish derive compute extend
        characterize characterise address solve explore evaluate analyze analyse compare reduce increase give take
        require assume exhibit admit satisfy guarantee ensure seek attain remain become appear seem
        mitigate leverage exploit employ adopt utilize utilise create formulate conduct examine verify
        validate confirm illustrate highlight reveal suggest indicate argue observe prove discover identify
        determine explain predict enhance boost surpass exceed tackle overcome learn train
        achieve deliver outline summarize summarise investigate
        """.Split(Separators, StringSplitOptions.RemoveEmptyEntries).SelectMany(v => Forms(v)), StringComparer.Ordinal);

    private static readonly FrozenSet<string> IngVerbs = FrozenSet.ToFrozenSet<string>(
        """
        constructing representing defining proving giving making taking integrating generalizing establishing deriving
        predicting extending addressing solving exploring comparing reducing increasing requiring assuming ensuring
        leveraging exploiting employing adopting utilizing creating formulating conducting examining verifying
        validating illustrating highlighting revealing suggesting indicating discovering identifying determining
        explaining estimating enhancing boosting surpassing exceeding tackling overcoming capturing achieving
        delivering offering introducing presenting proposing showing demonstrating providing allowing enabling
        improving outperforming considering investigating studying describing focusing aiming
        """.Split(Separators, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    // Nouns ending in -ly; every other -ly word (adverbs: "minimally", "asymptotically") ends a phrase.
    private static readonly FrozenSet<string> LyNouns = FrozenSet.ToFrozenSet<string>(
        """
        family anomaly assembly monopoly supply reply italy poly butterfly ally rally jelly belly bully holly lily
        """.Split(Separators, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    // Words too common in abstracts to be a keyword alone, though fine inside a phrase ("language model").
    private static readonly FrozenSet<string> Weak = FrozenSet.ToFrozenSet(
        """
        model models data dataset datasets task tasks problem problems performance accuracy experiment experiments
        framework frameworks system systems analysis algorithm algorithms technique techniques process processes
        set sets number numbers case cases order level levels state art large small high low good better best large-scale
        time times use user users information effect effects value values function functions structure structures
        evaluation benchmark benchmarks training learning network networks quality type types form forms part parts
        question questions challenge challenges research field fields application applications domain domains
        strong robust novel existing state-of-the-art art specific particular standard common real world real-world range variety
        limited multiple single full overall improvement improvements gains gain addition
        """.Split(Separators, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Candidates in order of first appearance, each once (by <see cref="KeyOf"/>).</summary>
    public static IReadOnlyList<KeyphraseCandidate> Extract(string text)
    {
        var found = new Dictionary<string, Seen>(StringComparer.Ordinal);
        foreach (var run in Runs(text))
        {
            for (var length = 1; length <= MaxWords; length++)
            {
                for (var start = 0; start + length <= run.Count; start++)
                {
                    var words = run.GetRange(start, length);
                    if ((length == 1 && !IsSpecific(words[0].Text)) || words.All(w => Weak.Contains(w.Text.ToLowerInvariant())))
                    {
                        continue;
                    }

                    var key = KeyOf(words.Select(w => w.Text));
                    if (!found.TryGetValue(key, out var seen))
                    {
                        found[key] = seen = new Seen(found.Count);
                    }

                    seen.Surfaces.Add(Surface(words));
                }
            }
        }

        // A plain single word said once ("pairs", "circle") is rarely what a paper is about; an acronym may be.
        return [.. found.OrderBy(f => f.Value.First)
            .Select(f => new KeyphraseCandidate(Pick(f.Value.Surfaces), f.Key, f.Value.Surfaces.Count))
            .Where(c => c.Key.Contains(' ', StringComparison.Ordinal) || c.Count >= 2 || IsMixedCase(c.Text))];
    }

    /// <summary>
    /// What makes two phrases the same keyword: lower case, a plural 's' dropped from each word, hyphens as spaces
    /// ("Neural Networks", "neural network" and "neural-network" share one key).
    /// </summary>
    public static string KeyOf(IEnumerable<string> words)
    {
        var key = new StringBuilder();
        foreach (var part in words.SelectMany(w => w.Split('-', StringSplitOptions.RemoveEmptyEntries)))
        {
            var word = part.ToLowerInvariant();
            if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
            {
                word = word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y" : word[..^1];
            }

            key.Append(key.Length == 0 ? "" : " ").Append(word);
        }

        return key.ToString();
    }

    private readonly record struct Word(string Text, bool StartsSentence);

    /// <summary>Where a candidate was first seen and how it was written each time.</summary>
    private sealed class Seen(int first)
    {
        public int First { get; } = first;

        public List<string> Surfaces { get; } = [];
    }

    /// <summary>Runs of content words between stop words, punctuation, numbers and math.</summary>
    private static IEnumerable<List<Word>> Runs(string text)
    {
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var run = new List<Word>();
            var first = true;
            foreach (Match token in Token().Matches(Math().Replace(Braces().Replace(Accent().Replace(sentence, "$1"), "$1"), " , ")))
            {
                var value = token.Value;
                var isWord = value.Any(char.IsLetter);
                if (!isWord || value.Length < 2 || IsStop(value.ToLowerInvariant()))
                {
                    if (run.Count > 0)
                    {
                        yield return run;
                        run = [];
                    }
                }
                else
                {
                    run.Add(new Word(value.TrimEnd('-'), first));
                }

                first = false;
            }

            if (run.Count > 0)
            {
                yield return run;
            }
        }
    }

    private static bool IsStop(string word) =>
        StopWords.Contains(word) || Verbs.Contains(word) || IngVerbs.Contains(word)
        || (word.Length > 4 && word.EndsWith("ly", StringComparison.Ordinal) && !LyNouns.Contains(word));

    /// <summary>The forms of a regular verb: define, defines, defined; imply, implies, implied.</summary>
    private static IEnumerable<string> Forms(string verb)
    {
        yield return verb;
        if (verb.EndsWith('y') && !"aeiou".Contains(verb[^2], StringComparison.Ordinal))
        {
            yield return verb[..^1] + "ies";
            yield return verb[..^1] + "ied";
        }
        else
        {
            yield return verb + (verb.EndsWith('s') || verb.EndsWith('x') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal) ? "es" : "s");
            yield return verb + (verb.EndsWith('e') ? "d" : "ed");
        }
    }

    /// <summary>A single word worth a keyword: an acronym or mixed-case name, or a long word that is no stock word.</summary>
    private static bool IsSpecific(string word) =>
        IsMixedCase(word) || (word.Length >= 4 && !Weak.Contains(word.ToLowerInvariant()));

    // BERT, LiDAR, GPT-4, mRNA: capitals after the first letter.
    private static bool IsMixedCase(string word) => word.Skip(1).Any(char.IsUpper);

    private static string Surface(List<Word> words) => string.Join(' ', words.Select(w =>
        w.StartsSentence && !IsMixedCase(w.Text) && w.Text.Length > 1 ? "\u0001" + w.Text : w.Text));

    /// <summary>The spelling to show: one seen mid-sentence if any, else the sentence start's with its capital lowered.</summary>
    private static string Pick(List<string> surfaces)
    {
        var plain = surfaces.FirstOrDefault(s => !s.Contains('\u0001', StringComparison.Ordinal));
        if (plain is not null)
        {
            return plain;
        }

        // "Arbitrary Pattern Formation" is a name in title case: it keeps its first capital as well.
        var initial = surfaces[0].Replace("\u0001", "", StringComparison.Ordinal);
        return initial.Split(' ').Skip(1).Any(w => char.IsUpper(w[0])) ? initial : char.ToLowerInvariant(initial[0]) + initial[1..];
    }

    // Words with inner hyphens, apostrophes or digits (GPT-4, state-of-the-art, 3D), or any other single character.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|\S", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    // TeX accents (\'e, \"{o}) give their letter; braces around a few letters inside a word (Fr{\'e}chet) go.
    [GeneratedRegex(@"\\[`'^""~=.]\{?(\p{L})\}?", RegexOptions.CultureInvariant)]
    private static partial Regex Accent();

    [GeneratedRegex(@"\{(\p{L}{1,3})\}", RegexOptions.CultureInvariant)]
    private static partial Regex Braces();

    // Inline and display TeX math, and web addresses: never part of a keyword.
    [GeneratedRegex(@"\$\$.*?\$\$|\$[^$]*\$|https?://\S+|\\[a-zA-Z]+(\{[^}]*\})?", RegexOptions.CultureInvariant)]
    private static partial Regex Math();
}
