using System.Text;

namespace Paperwire.Community.Comments;

/// <summary>What a comment's text must be: something to read, at most <see cref="MaxLength"/> characters.</summary>
public static class CommentText
{
    public const int MaxLength = 10_000;

    /// <summary>
    /// The text to store, or null with <paramref name="error"/> saying why not. NUL and lone surrogates become
    /// U+FFFD, as CommonMark reads them anyway: PostgreSQL cannot store them, and they must never become a 500.
    /// </summary>
    public static string? Clean(string? text, out string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Write something first: a comment cannot be empty.";
            return null;
        }

        if (text.Length > MaxLength)
        {
            error = $"A comment can be at most {MaxLength:N0} characters; this one has {text.Length:N0}.";
            return null;
        }

        error = null;
        return Replace(text.Trim().ReplaceLineEndings("\n"));
    }

    private static string Replace(string text)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c != '\0' && (!char.IsSurrogate(c)
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                || (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])));
            if (!ok && cleaned is null)
            {
                cleaned = new StringBuilder(text, 0, i, text.Length);
            }

            cleaned?.Append(ok ? c : '\uFFFD');
        }

        return cleaned?.ToString() ?? text;
    }
}
