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

    internal sealed record LiveHole(string ViewPath, object Model) : Hole;

    public IHtmlContent Choice(ReaderFact fact, string ifHolds, string otherwise) => Add(new ChoiceHole(fact, ifHolds, otherwise));

    public IHtmlContent UserName() => Add(new UserNameHole());

    public IHtmlContent Live(string viewPath, object model) => Add(new LiveHole(viewPath, model));

    /// <summary>Cuts recorded markup into a template; <paramref name="requestToken"/> (this request's antiforgery token) becomes a hole too.</summary>
    public PageTemplate Parse(string html, string? requestToken, string? vary) => new(Cut(html, requestToken), vary);

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
                LiveHole live => new PageTemplate.Live(live.ViewPath, live.Model),
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
public sealed class PageTemplate(IReadOnlyList<PageTemplate.Part> parts, string? vary = null)
{
    /// <summary>The page's <c>Vary</c> header, sent again with every copy.</summary>
    public string? Vary => vary;

    public abstract record Part;

    public sealed record Text(byte[] Utf8) : Part;

    public sealed record Token : Part;

    public sealed record UserName : Part;

    public sealed record Choice(ReaderFact Fact, PageTemplate IfHolds, PageTemplate Otherwise) : Part;

    public sealed record Live(string ViewPath, object Model) : Part;

    /// <summary>Bytes of markup held (for the cache's size limit).</summary>
    public long Size => parts.Sum(p => p switch
    {
        Text text => text.Utf8.Length,
        Choice choice => choice.IfHolds.Size + choice.Otherwise.Size,
        _ => 16,
    });

    /// <summary>The holes of one reader's page: their state, and token and name already encoded as UTF-8 HTML.</summary>
    public sealed record Filling(ReaderState State, byte[] Token, byte[] UserName, Func<Live, Task<string>> RenderLive);

    /// <summary>Writes the page for one reader.</summary>
    public async Task WriteToAsync(IBufferWriter<byte> output, Filling filling)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case Text text:
                    output.Write(text.Utf8);
                    break;
                case Token:
                    output.Write(filling.Token);
                    break;
                case UserName:
                    output.Write(filling.UserName);
                    break;
                case Choice choice:
                    await (choice.Fact.HoldsFor(filling.State) ? choice.IfHolds : choice.Otherwise).WriteToAsync(output, filling);
                    break;
                case Live live:
                    output.Write(Encoding.UTF8.GetBytes(await filling.RenderLive(live)));
                    break;
            }
        }
    }
}
