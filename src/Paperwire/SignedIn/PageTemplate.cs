using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace Paperwire.SignedIn;

/// <summary>
/// The holes a page left while it was recorded (<see cref="ReaderParts"/>), each marked in the markup by a comment
/// carrying a random nonce that no user text can know, so nothing a user writes is ever taken for a hole.
/// </summary>
public sealed partial class TemplateRecording
{
    private readonly string nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private readonly List<Hole> holes = [];

    internal abstract record Hole;

    internal sealed record ChoiceHole(ReaderFact Fact, string IfHolds, string Otherwise) : Hole;

    internal sealed record UserNameHole : Hole;

    public IHtmlContent Choice(ReaderFact fact, string ifHolds, string otherwise) => Add(new ChoiceHole(fact, ifHolds, otherwise));

    public IHtmlContent UserName() => Add(new UserNameHole());

    /// <summary>Cuts recorded markup into a template; <paramref name="requestToken"/> (this request's antiforgery token) becomes a hole too.</summary>
    public PageTemplate Parse(string html, string? requestToken) => new(Cut(html, requestToken));

    private HtmlString Add(Hole hole)
    {
        lock (holes)
        {
            holes.Add(hole);
            return new HtmlString($"<!--pw-hole:{nonce}:{holes.Count - 1}-->");
        }
    }

    private List<PageTemplate.Part> Cut(string html, string? requestToken)
    {
        var parts = new List<PageTemplate.Part>();
        var at = 0;
        foreach (Match match in Marker().Matches(html))
        {
            if (match.Groups["nonce"].Value != nonce)
            {
                continue;
            }

            AddText(parts, html[at..match.Index], requestToken);
            parts.Add(holes[int.Parse(match.Groups["index"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)] switch
            {
                ChoiceHole choice => new PageTemplate.Choice(choice.Fact, new(Cut(choice.IfHolds, requestToken)), new(Cut(choice.Otherwise, requestToken))),
                _ => new PageTemplate.UserName(),
            });
            at = match.Index + match.Length;
        }

        AddText(parts, html[at..], requestToken);
        return parts;
    }

    private static void AddText(List<PageTemplate.Part> parts, string text, string? requestToken)
    {
        var pieces = string.IsNullOrEmpty(requestToken) ? [text] : text.Split(requestToken);
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                parts.Add(new PageTemplate.Token());
            }

            if (pieces[i].Length > 0)
            {
                parts.Add(new PageTemplate.Text(Encoding.UTF8.GetBytes(pieces[i])));
            }
        }
    }

    [GeneratedRegex("<!--pw-hole:(?<nonce>[0-9a-f]{32}):(?<index>[0-9]{1,9})-->", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}

/// <summary>A page as every signed-in reader gets it, with the holes filled per reader when it is written.</summary>
public sealed class PageTemplate(IReadOnlyList<PageTemplate.Part> parts)
{
    public abstract record Part;

    public sealed record Text(byte[] Utf8) : Part;

    public sealed record Token : Part;

    public sealed record UserName : Part;

    public sealed record Choice(ReaderFact Fact, PageTemplate IfHolds, PageTemplate Otherwise) : Part;

    /// <summary>Bytes of markup held (for the cache's size limit).</summary>
    public long Size => parts.Sum(p => p switch
    {
        Text text => text.Utf8.Length,
        Choice choice => choice.IfHolds.Size + choice.Otherwise.Size,
        _ => 16,
    });

    /// <summary>The page for one reader: <paramref name="token"/> and <paramref name="userName"/> already encoded as UTF-8 HTML.</summary>
    public void WriteTo(IBufferWriter<byte> output, ReaderState state, ReadOnlySpan<byte> token, ReadOnlySpan<byte> userName)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case Text text:
                    output.Write(text.Utf8);
                    break;
                case Token:
                    output.Write(token);
                    break;
                case UserName:
                    output.Write(userName);
                    break;
                case Choice choice:
                    (choice.Fact.HoldsFor(state) ? choice.IfHolds : choice.Otherwise).WriteTo(output, state, token, userName);
                    break;
            }
        }
    }
}
