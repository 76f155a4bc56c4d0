using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace Paperwire.Community.Comments;

/// <summary>
/// Turns <c>@name</c> into a link to <c>/u/name</c> when a user of that name exists (the names come in the parser
/// context, looked up before rendering). Code spans and blocks are parsed first, so a mention in code stays code.
/// </summary>
internal sealed class MentionParser : InlineParser
{
    private static readonly object UsersKey = new();

    public MentionParser() => OpeningCharacters = ['@'];

    /// <summary>A parser context that knows which users exist, by name (any case) to their stored name.</summary>
    public static MarkdownParserContext Context(IReadOnlyDictionary<string, string> users)
    {
        var context = new MarkdownParserContext();
        context.Properties[UsersKey] = users;
        return context;
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        // "someone@example.org" is no mention: '@' must not follow a name character.
        if (IsNameCharacter(slice.PeekCharExtra(-1))
            || processor.Context?.Properties.GetValueOrDefault(UsersKey) is not IReadOnlyDictionary<string, string> users)
        {
            return false;
        }

        var start = slice.Start + 1;
        var end = start;
        while (end <= slice.End && IsNameCharacter(slice.Text[end]))
        {
            end++;
        }

        // "thanks @alice." ends a sentence: try the name without trailing punctuation too.
        for (var length = end - start; length > 0; length--)
        {
            if (users.TryGetValue(slice.Text.Substring(start, length), out var name))
            {
                var link = new LinkInline("/u/" + name, "") { IsClosed = true };
                link.AppendChild(new LiteralInline("@" + name));
                processor.Inline = link;
                slice.Start = start + length;
                return true;
            }

            if (slice.Text[start + length - 1] is not ('.' or '-' or '_'))
            {
                break;
            }
        }

        return false;
    }

    internal static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';
}
