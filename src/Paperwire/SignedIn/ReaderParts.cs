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
    /// True while a partial renders the markup every reader without parts of their own in it gets (see
    /// <see cref="PersonalAsync"/>): it then shows the forms of a signed-in reader but nothing of this one's.
    /// </summary>
    public bool ForEveryReader { get; private set; }

    /// <summary>
    /// A partial view that is the same for every signed-in reader for whom <paramref name="personal"/> does not hold
    /// (no comments of theirs in a discussion, no claims, no collections), and rendered for each reader for whom it
    /// does, on every request, even when the page around it is shared.
    /// </summary>
    public async Task<IHtmlContent> PersonalAsync(ReaderFact personal, IHtmlHelper html, string viewPath, object model)
    {
        if (recording is null)
        {
            return await html.PartialAsync(viewPath, model);
        }

        ForEveryReader = true;
        string shared;
        try
        {
            await using var writer = new StringWriter();
            (await html.PartialAsync(viewPath, model)).WriteTo(writer, encoder);
            shared = writer.ToString();
        }
        finally
        {
            ForEveryReader = false;
        }

        return recording.Choice(personal, recording.Live(viewPath, model).ToString()!, shared);
    }

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
