using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Paperwire.ForYou;

namespace Paperwire.SignedIn;

/// <summary>
/// How views write the parts of a page that belong to one reader (a scoped service). Normally each part is rendered
/// for the reader at hand. While <see cref="ReaderTemplates"/> records a page for every signed-in reader, a part is
/// rendered every way it can look instead and left as a hole in the shared markup, filled per request.
/// </summary>
public sealed class ReaderParts(ReaderMarks marks, IHttpContextAccessor accessor, HtmlEncoder encoder)
{
    private TemplateRecording? recording;

    /// <summary>Switches this request to recording (every part becomes a hole of <paramref name="into"/>), or back with null.</summary>
    internal void Record(TemplateRecording? into) => recording = into;

    /// <summary>
    /// The markup <paramref name="render"/> gives for whether <paramref name="fact"/> holds for the reader: an upvote
    /// button pressed or not, a card or its dismissed fold, a follow chip on or off.
    /// </summary>
    public async Task<IHtmlContent> ChooseAsync(ReaderFact fact, Func<bool, HelperResult> render)
    {
        if (recording is null)
        {
            return render(await marks.HoldsAsync(fact, accessor.HttpContext?.RequestAborted ?? default));
        }

        return recording.Choice(fact, await RenderAsync(render(true)), await RenderAsync(render(false)));
    }

    /// <summary>
    /// A partial view rendered for the reader on every request, even when the page around it is shared: for parts that
    /// vary in too many ways to keep each (a discussion with the reader's own edit buttons, their collections).
    /// </summary>
    public async Task<IHtmlContent> LiveAsync(IHtmlHelper html, string viewPath, object model) =>
        recording?.Live(viewPath, model) ?? await html.PartialAsync(viewPath, model);

    /// <summary>The reader's user name (HTML-encoded), as the header shows it.</summary>
    public IHtmlContent UserName() =>
        recording?.UserName() ?? new HtmlString(encoder.Encode(accessor.HttpContext?.User.Identity?.Name ?? ""));

    private static async Task<string> RenderAsync(HelperResult part)
    {
        using var writer = new StringWriter();
        await part.WriteAction(writer);
        return writer.ToString();
    }
}
