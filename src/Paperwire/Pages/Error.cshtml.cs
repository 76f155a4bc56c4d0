using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Paperwire.Pages;

/// <summary>
/// The friendly error page behind status-code pages and the exception handler. Requests that were
/// meant for the API or the feeds get ProblemDetails instead of HTML.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IProblemDetailsService problems) : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] int code)
    {
        // A re-executed request knows its original status; trust that over anything the request carries.
        code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? code;
        Code = code is >= 400 and <= 599 ? code : 404;
        (Heading, var fallback) = Code switch
        {
            400 => ("That request doesn't look right", "Check the address and try again."),
            401 => ("Sign-in required", "This needs a signed-in user: sign in, or send a personal API token in an Authorization: Bearer header."),
            403 => ("Not allowed", "Your account may not do this."),
            404 => ("Not found", "There is nothing at this address."),
            405 => ("Not allowed", "This address does not accept that kind of request."),
            429 => ("Slow down", "Too many requests; try again in a minute."),
            >= 500 => ("Something went wrong on our side", "The error was logged. Try again in a moment."),
            _ => ("That didn't work", "Check the address and try again."),
        };
        Message = HttpContext.Items[PageErrors.MessageKey] as string ?? fallback;
        Response.StatusCode = Code;

        if (Api.ProblemJsonWriter.IsApiOrFeed(HttpContext))
        {
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = HttpContext,
                ProblemDetails = { Status = Code, Title = Heading, Detail = Message },
            });
            return new EmptyResult();
        }

        return Page();
    }

    /// <summary>
    /// A re-executed request keeps its method. A page has no handler for PUT or DELETE and would render without one,
    /// as HTML with no status, so every method runs the GET handler. Its code comes from the route only: a
    /// re-executed POST may carry a form the server cannot read.
    /// </summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        context.HandlerMethod = context.ActionDescriptor.HandlerMethods.Single(h => string.Equals(h.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase));
}
