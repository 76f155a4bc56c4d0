using System.Globalization;
using System.Text;

namespace Paperwire.Citations;

/// <summary>
/// Text for a BibTeX field that both bibtex (8-bit, counts braces) and biber (UTF-8) accept and LaTeX then prints
/// as written. TeX's special characters are escaped as text (an abstract's <c>$x$</c> is not math: catalog text is
/// not trusted to be valid TeX). Letters with accents become TeX accents in braces (<c>{\'e}</c>), which bibtex sorts
/// and abbreviates correctly; other non-ASCII characters (Greek, CJK) stay UTF-8, which biber and LaTeX's default
/// UTF-8 input read. Braces are written as <c>\textbraceleft{}</c>, since bibtex would count <c>\{</c> as a group.
/// </summary>
public static class LatexText
{
    private static readonly Dictionary<char, string> Accents = new()
    {
        ['\u0300'] = "`",
        ['\u0301'] = "'",
        ['\u0302'] = "^",
        ['\u0303'] = "~",
        ['\u0304'] = "=",
        ['\u0306'] = "u",
        ['\u0307'] = ".",
        ['\u0308'] = "\"",
        ['\u030A'] = "r",
        ['\u030B'] = "H",
        ['\u030C'] = "v",
        ['\u0323'] = "d",
        ['\u0327'] = "c",
        ['\u0328'] = "k",
    };

    private static readonly Dictionary<char, (string Tex, string Ascii)> Letters = new()
    {
        ['ß'] = ("{\\ss}", "ss"),
        ['ø'] = ("{\\o}", "o"),
        ['Ø'] = ("{\\O}", "O"),
        ['æ'] = ("{\\ae}", "ae"),
        ['Æ'] = ("{\\AE}", "AE"),
        ['œ'] = ("{\\oe}", "oe"),
        ['Œ'] = ("{\\OE}", "OE"),
        ['ł'] = ("{\\l}", "l"),
        ['Ł'] = ("{\\L}", "L"),
        ['ı'] = ("{\\i}", "i"),
        ['đ'] = ("d", "d"),
        ['Đ'] = ("D", "D"),
        ['þ'] = ("th", "th"),
        ['ð'] = ("d", "d"),
    };

    /// <summary>ASCII letters for a letter that has no decomposition (ø → o), for citation keys.</summary>
    public static string? FoldLetter(char c) => Letters.TryGetValue(c, out var letter) ? letter.Ascii.ToLowerInvariant() : null;

    public static string Escape(string text)
    {
        var tex = new StringBuilder(text.Length + 16);
        var composed = text.Normalize(NormalizationForm.FormC);
        for (var i = 0; i < composed.Length; i++)
        {
            var c = composed[i];
            switch (c)
            {
                case '\\': tex.Append("\\textbackslash{}"); break;
                case '{': tex.Append("\\textbraceleft{}"); break;
                case '}': tex.Append("\\textbraceright{}"); break;
                case '&' or '%' or '$' or '#' or '_': tex.Append('\\').Append(c); break;
                case '~': tex.Append("\\textasciitilde{}"); break;
                case '^': tex.Append("\\textasciicircum{}"); break;
                case '<': tex.Append("\\textless{}"); break;
                case '>': tex.Append("\\textgreater{}"); break;
                case '|': tex.Append("\\textbar{}"); break;
                case '"': tex.Append("{''}"); break;
                case '\u2013': tex.Append("--"); break;
                case '\u2014': tex.Append("---"); break;
                case '\u2018': tex.Append('`'); break;
                case '\u2019': tex.Append('\''); break;
                case '\u201C': tex.Append("``"); break;
                case '\u201D': tex.Append("''"); break;
                case '\u2026': tex.Append("\\ldots{}"); break;
                case '\u00A0': tex.Append('~'); break;
                case < ' ' or '\u007F': tex.Append(' '); break;
                case < '\u0080': tex.Append(c); break;
                default: AppendNonAscii(tex, c, composed, ref i); break;
            }
        }

        return tex.ToString();
    }

    private static void AppendNonAscii(StringBuilder tex, char c, string text, ref int i)
    {
        if (Letters.TryGetValue(c, out var letter))
        {
            tex.Append(letter.Tex);
            return;
        }

        if (char.IsSurrogate(c))
        {
            // A pair stays as it is (UTF-8 for biber and LaTeX); a lone half is not text and is dropped.
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                tex.Append(c).Append(text[++i]);
            }

            return;
        }

        var parts = c.ToString().Normalize(NormalizationForm.FormD);
        if (parts.Length > 1 && char.IsAsciiLetter(parts[0]) && parts.Skip(1).All(Accents.ContainsKey))
        {
            // {\'e}, {\"{\i}}, {\v{s}}: a whole letter in one brace group, as bibtex wants for special characters.
            var letterTex = parts[0] is 'i' ? "{\\i}" : parts[0].ToString();
            var inner = letterTex;
            foreach (var mark in parts.Skip(1))
            {
                var command = Accents[mark];
                inner = char.IsAsciiLetter(command[0]) ? $"\\{command}{{{inner}}}" : $"\\{command}{inner}";
            }

            tex.Append('{').Append(inner).Append('}');
            return;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        tex.Append(category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            ? ' '
            : c);
    }

    /// <summary>
    /// A title for BibTeX: escaped, with words whose capitals must stay (acronyms, names with inner capitals such as
    /// "BERT", "GPT-4", "SmolVLM") in braces, so styles that lower-case titles leave them alone.
    /// </summary>
    public static string Title(string title)
    {
        var words = Ingest.Text.NormalizeWhitespace(title).Split(' ');
        return string.Join(' ', words.Select(word => KeepsCapitals(word) ? "{" + Escape(word) + "}" : Escape(word)));
    }

    private static bool KeepsCapitals(string word) => word.Skip(1).Any(char.IsUpper) || (word.Length == 1 && char.IsUpper(word[0]) && word != "A");
}
