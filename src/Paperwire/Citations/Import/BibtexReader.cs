using System.Text;

namespace Paperwire.Citations.Import;

/// <summary>
/// Reads BibTeX as Zotero, Mendeley, JabRef and Google Scholar write it: <c>@type{key, field = {…} | "…" | number |
/// macro # …}</c>, with <c>()</c> as entry delimiters too, <c>@string</c> macros, and <c>@comment</c>/<c>@preamble</c>
/// skipped. Text outside entries is a comment, as bibtex treats it. A field value whose braces never balance, a
/// missing <c>=</c> or an entry cut off by the end of the file is a <see cref="ReferenceFormatException"/> naming the line.
/// </summary>
public sealed class BibtexReader
{
    private readonly string text;
    private readonly List<ReferenceEntry> entries = [];
    private readonly Dictionary<string, string> macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = "January",
        ["feb"] = "February",
        ["mar"] = "March",
        ["apr"] = "April",
        ["may"] = "May",
        ["jun"] = "June",
        ["jul"] = "July",
        ["aug"] = "August",
        ["sep"] = "September",
        ["oct"] = "October",
        ["nov"] = "November",
        ["dec"] = "December",
    };

    private int position;
    private int line = 1;

    private BibtexReader(string text) => this.text = text;

    public static IReadOnlyList<ReferenceEntry> Read(string text)
    {
        var reader = new BibtexReader(text);
        reader.ReadAll();
        return reader.entries;
    }

    private void ReadAll()
    {
        while (SkipTo('@'))
        {
            var start = line;
            Advance();
            SkipSpace();
            var type = Identifier().ToLowerInvariant();
            if (type.Length == 0)
            {
                // A lone '@' (an e-mail address in a comment): bibtex skips it too.
                continue;
            }

            SkipSpace();
            if (type == "comment")
            {
                // "@comment{…}" or "@comment rest of line".
                if (Peek() is '{' or '(')
                {
                    Balanced(start, "@comment");
                }

                continue;
            }

            var close = Peek() switch
            {
                '{' => '}',
                '(' => ')',
                _ => throw Error($"“@{type}” at line {start} is not followed by “{{” or “(”.", line),
            };
            Advance();
            switch (type)
            {
                case "preamble":
                    position--;
                    Balanced(start, "@preamble", open: text[position], close);
                    break;
                case "string":
                    ReadMacro(start, close);
                    break;
                default:
                    ReadEntry(start, close);
                    break;
            }
        }
    }

    private void ReadMacro(int start, char close)
    {
        foreach (var (name, value) in Fields(start, close))
        {
            macros[name] = value;
        }
    }

    private void ReadEntry(int start, char close)
    {
        SkipSpace();
        var keyStart = position;
        while (position < text.Length && text[position] != ',' && text[position] != close && !char.IsWhiteSpace(text[position]))
        {
            Advance();
        }

        var key = text[keyStart..position];
        SkipSpace();
        if (Peek() == ',')
        {
            Advance();
        }
        else if (Peek() != close)
        {
            throw Error($"The entry at line {start} has no “,” after its key “{Shorten(key)}” (line {line}).", line);
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Fields(start, close))
        {
            fields.TryAdd(name, value);
        }

        entries.Add(ReferenceFields.FromBibtex(start, key.Length == 0 ? null : key, fields));
    }

    /// <summary>Reads <c>name = value, …</c> up to and including <paramref name="close"/>.</summary>
    private IEnumerable<(string Name, string Value)> Fields(int start, char close)
    {
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                Advance();
                yield break;
            }

            if (position >= text.Length || Peek() == '@')
            {
                throw Unclosed(start);
            }

            var fieldLine = line;
            var name = Identifier();
            if (name.Length == 0)
            {
                throw Error($"Line {line}: expected a field name (like title = {{…}}) in the entry that starts at line {start}, found “{Shorten(Rest())}”.", line);
            }

            SkipSpace();
            if (Peek() != '=')
            {
                throw Error($"Line {fieldLine}: the field “{Shorten(name)}” has no “=” after it.", fieldLine);
            }

            Advance();
            var value = Value(start, close);
            yield return (name, value);
            SkipSpace();
            if (Peek() == ',')
            {
                Advance();
            }
            else if (Peek() != close)
            {
                throw position >= text.Length || Peek() == '@'
                    ? Unclosed(start)
                    : Error($"Line {line}: expected “,” or the end of the entry that starts at line {start} after the field “{Shorten(name)}”.", line);
            }
        }
    }

    private ReferenceFormatException Unclosed(int start) => position >= text.Length
        ? Error($"Unbalanced braces: the entry that starts at line {start} is never closed.", start)
        : Error($"Unbalanced braces: the entry that starts at line {start} is not closed before the next “@” at line {line}.", start);

    /// <summary>A value: parts joined by '#', each {…}, "…", a number or a macro name.</summary>
    private string Value(int start, char close)
    {
        var value = new StringBuilder();
        while (true)
        {
            SkipSpace();
            var c = Peek();
            if (c == '{')
            {
                value.Append(Delimited(start, '{', '}'));
            }
            else if (c == '"')
            {
                value.Append(Delimited(start, '"', '"'));
            }
            else
            {
                var word = Identifier();
                if (word.Length == 0)
                {
                    throw Error($"Line {line}: a field value must be {{…}}, \"…\", a number or a @string name; found “{Shorten(Rest())}”.", line);
                }

                value.Append(word.All(char.IsAsciiDigit) ? word : macros.GetValueOrDefault(word, ""));
            }

            SkipSpace();
            if (Peek() != '#')
            {
                return value.ToString();
            }

            Advance();
        }
    }

    /// <summary>The text between an opening brace or quote and its partner, nested braces included (kept).</summary>
    private string Delimited(int start, char open, char close)
    {
        var valueLine = line;
        Advance();
        var from = position;
        var depth = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                if (depth == 0)
                {
                    if (close == '}')
                    {
                        var value = text[from..position];
                        Advance();
                        return value;
                    }

                    throw Error($"Line {line}: a “}}” closes nothing in the value that starts at line {valueLine}.", line);
                }

                depth--;
            }
            else if (c == close && depth == 0)
            {
                var value = text[from..position];
                Advance();
                return value;
            }
            else if (c == '@' && depth == 0 && open == '{' && AtLineStart())
            {
                // A new entry at the start of a line inside a value: the value's braces never closed.
                break;
            }

            Advance();
        }

        throw Error($"Unbalanced braces: the value that starts at line {valueLine} (in the entry at line {start}) is never closed.", valueLine);
    }

    private void Balanced(int start, string what, char? open = null, char? close = null)
    {
        var opening = open ?? text[position];
        var closing = close ?? (opening == '(' ? ')' : '}');
        var depth = 0;
        while (position < text.Length)
        {
            var c = text[position];
            Advance();
            if (c == opening || (opening == '(' && c == '{'))
            {
                depth++;
            }
            else if (c == closing || (opening == '(' && c == '}'))
            {
                depth--;
                if (depth == 0)
                {
                    return;
                }
            }
        }

        throw Error($"Unbalanced braces: the {what} at line {start} is never closed.", start);
    }

    private bool AtLineStart()
    {
        for (var i = position - 1; i >= 0; i--)
        {
            if (text[i] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private string Identifier()
    {
        var from = position;
        while (position < text.Length && IsIdentifierChar(text[position]))
        {
            Advance();
        }

        return text[from..position];
    }

    // bibtex allows most printable characters in names; these are the ones real files use.
    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.' or '+' or '/' or '\'' or '!' or '?' or '*' or '&' or ';' or '<' or '>' or '[' or ']' or '|' or '^' or '`' or '~' or '$';

    private bool SkipTo(char target)
    {
        while (position < text.Length && text[position] != target)
        {
            Advance();
        }

        return position < text.Length;
    }

    private void SkipSpace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            Advance();
        }
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private string Rest() => text[position..Math.Min(text.Length, position + 30)].Split('\n')[0];

    private void Advance()
    {
        if (text[position] == '\n')
        {
            line++;
        }

        position++;
    }

    private ReferenceFormatException Error(string message, int at) => new(message, at, [.. entries]);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
