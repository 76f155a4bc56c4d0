using System.Text.RegularExpressions;

namespace Paperwire.Citations.Import;

/// <summary>
/// Reads RIS: records from <c>TY  - </c> to <c>ER  - </c>, one <c>XX  - value</c> tag a line. A line that is not a tag
/// continues the value before it (exporters wrap long abstracts). Text outside a record, a record cut off by the
/// end of the file or a new <c>TY</c> before the last one's <c>ER</c> is a <see cref="ReferenceFormatException"/>.
/// </summary>
public static partial class RisReader
{
    public static IReadOnlyList<ReferenceEntry> Read(string text)
    {
        var entries = new List<ReferenceEntry>();
        List<(string Tag, string Value)>? record = null;
        var start = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var content = lines[i].TrimEnd('\r');
            var tag = TagLine().Match(content);
            if (!tag.Success)
            {
                if (string.IsNullOrWhiteSpace(content))
                {
                    continue;
                }

                if (record is { Count: > 0 })
                {
                    record[^1] = (record[^1].Tag, record[^1].Value + " " + content.Trim());
                    continue;
                }

                throw new ReferenceFormatException($"Line {number} is not a RIS tag line (like “TY  - JOUR”): “{Shorten(content)}”.", number, entries);
            }

            var name = tag.Groups["tag"].Value;
            var value = tag.Groups["value"].Value.Trim();
            if (name == "TY")
            {
                if (record is not null)
                {
                    throw new ReferenceFormatException($"The record that starts at line {start} has no “ER  - ” before the next record at line {number}.", start, entries);
                }

                record = [];
                start = number;
            }
            else if (record is null)
            {
                throw new ReferenceFormatException($"Line {number}: the tag {name} is outside a record (records start with “TY  - ”).", number, entries);
            }
            else if (name == "ER")
            {
                entries.Add(ReferenceFields.FromRis(start, record));
                record = null;
            }
            else
            {
                record.Add((name, value));
            }
        }

        if (record is not null)
        {
            throw new ReferenceFormatException($"The record that starts at line {start} is never closed with “ER  - ”.", start, entries);
        }

        return entries;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    // "TY  - JOUR"; some exporters drop the trailing space of an empty value ("ER  -").
    [GeneratedRegex(@"^(?<tag>[A-Z][A-Z0-9])  -(?: (?<value>.*))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TagLine();
}
