using System.Text;

namespace Paperwire.Citations.Import;

/// <summary>
/// An uploaded reference file, BibTeX or RIS (told apart by content, not by name), read into entries. Text is UTF-8
/// (a byte-order mark is skipped) or, failing that, Latin-1 as older BibTeX files are; bytes that are not text
/// (NUL and other control characters) are refused with the line they are on.
/// </summary>
public static class ReferenceFile
{
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>More entries than this is not a reference list for one collection.</summary>
    public const int MaxEntries = 5000;

    public static IReadOnlyList<ReferenceEntry> Read(ReadOnlySpan<byte> bytes) => Read(Decode(bytes));

    public static IReadOnlyList<ReferenceEntry> Read(string text)
    {
        CheckText(text);
        var entries = LooksLikeRis(text) ? RisReader.Read(text) : BibtexReader.Read(text);
        if (entries.Count == 0)
        {
            throw new ReferenceFormatException("The file has no BibTeX entries (@article{…}) or RIS records (TY  - …).", 1, []);
        }

        if (entries.Count > MaxEntries)
        {
            throw new ReferenceFormatException($"The file has {entries.Count:N0} entries; at most {MaxEntries:N0} can be imported at once.", entries[MaxEntries].Line, [.. entries.Take(MaxEntries)]);
        }

        return entries;
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static void CheckText(string text)
    {
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
            }
            else if (c < ' ' && c is not '\r' and not '\t' and not '\f')
            {
                throw new ReferenceFormatException($"This is not a text file: line {line} holds binary data. Upload a BibTeX (.bib) or RIS (.ris) file.", line, []);
            }
        }
    }

    private static bool LooksLikeRis(string text)
    {
        foreach (var raw in text.Split('\n', 50))
        {
            var content = raw.Trim().TrimStart('\uFEFF');
            if (content.Length > 0)
            {
                return content.StartsWith("TY  -", StringComparison.Ordinal);
            }
        }

        return false;
    }
}
