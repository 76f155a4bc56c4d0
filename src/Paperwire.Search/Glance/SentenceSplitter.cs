using System.Collections.Frozen;

namespace Paperwire.Search.Glance;

/// <summary>
/// Cuts an abstract into sentences: at '.', '?' or '!' (and closing quotes or brackets after it) followed by a space
/// and a word that may start a sentence, except after abbreviations (e.g., i.e., et al., Fig., vs.), initials and
/// dotted acronyms, and never inside parentheses (a cited journal's abbreviations) or TeX math (<c>$…$</c>, <c>$$…$$</c>). Decimals (3.5) have no space after the
/// point, so they never end a sentence.
/// </summary>
public static class SentenceSplitter
{
    // Lower case, without the final point. "etc." is left out on purpose: it ends sentences as often as not, and the
    // next word's capital decides.
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.ToFrozenSet(
    [
        "e.g", "i.e", "eg", "ie", "al", "cf", "vs", "viz", "fig", "figs", "eq", "eqs", "sec", "secs", "ref", "refs", "resp", "approx",
        "no", "nos", "vol", "pp", "ch", "tab", "thm", "def", "dr", "prof", "mr", "mrs", "ms", "st", "jr", "inc", "ltd", "co", "corp",
        "ca", "est", "dept", "univ", "max", "min", "avg", "std", "incl", "e.t.c", "w.r.t", "a.k.a", "u.s", "u.k", "ph.d",
    ], StringComparer.Ordinal);

    private const int MaxInParentheses = 600;

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        var inMath = false;
        var depth = 0; // open parentheses and brackets: "(Ann. Acad. Sci. Fenn. 2018)" is no sentence end
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!inMath && c is '(' or '[')
            {
                depth++;
            }
            else if (!inMath && c is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                i++; // an escaped character (\$, \.) is never a delimiter
                continue;
            }

            if (c == '$')
            {
                inMath = !inMath;
                if (i + 1 < text.Length && text[i + 1] == '$')
                {
                    i++; // $$ opens or closes display math as one delimiter
                }

                continue;
            }

            if (inMath || c is not ('.' or '?' or '!'))
            {
                continue;
            }

            var end = i + 1;
            var closed = depth;
            while (end < text.Length && text[end] is '.' or '?' or '!' or '"' or '\'' or ')' or ']' or '”' or '’')
            {
                closed -= text[end] is ')' or ']' ? 1 : 0;
                end++;
            }

            if (closed > 0 && end - start < MaxInParentheses)
            {
                continue; // inside parentheses, unless one was never closed and the "sentence" runs on and on
            }

            if (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                continue; // 3.5, e.g.x, a URL
            }

            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next < text.Length && (!MayStartSentence(text, next) || (c == '.' && IsAbbreviation(text, start, i))))
            {
                continue;
            }

            Add(sentences, text[start..end]);
            depth = 0;
            start = next;
            i = next - 1;
        }

        Add(sentences, text[start..]);
        return sentences;
    }

    private static void Add(List<string> sentences, string sentence)
    {
        sentence = sentence.Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence);
        }
    }

    private static bool MayStartSentence(string text, int at)
    {
        var c = text[at];
        if (c is '(' or '[' or '"' or '\'' or '“' or '‘' && at + 1 < text.Length)
        {
            c = text[at + 1];
        }

        return char.IsUpper(c) || char.IsDigit(c) || c is '$' or '\\';
    }

    /// <summary>True when the word ending at the point <paramref name="dot"/> is an abbreviation or an initial.</summary>
    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var from = dot;
        while (from > sentenceStart && !char.IsWhiteSpace(text[from - 1]) && text[from - 1] is not ('(' or '[' or '"' or '“'))
        {
            from--;
        }

        var word = text[from..dot];
        if (word.Length == 0)
        {
            return false;
        }

        // An initial (J. Smith) or a dotted acronym (U.S., e.g.) written with points inside.
        if ((word.Length == 1 && char.IsUpper(word[0])) || (word.Contains('.', StringComparison.Ordinal) && word.Split('.').All(part => part.Length <= 2)))
        {
            return true;
        }

        return Abbreviations.Contains(word.ToLowerInvariant());
    }
}
