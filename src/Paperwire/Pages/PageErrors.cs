using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Paperwire.Pages;

/// <summary>Page handlers answer bad input with a status code; the friendly error page shows the reason.</summary>
public static class PageErrors
{
    public const string MessageKey = "paperwire.error-message";

    public static IActionResult BadRequestPage(this PageModel page, string message) => page.Fail(StatusCodes.Status400BadRequest, message);

    public static IActionResult NotFoundPage(this PageModel page, string message) => page.Fail(StatusCodes.Status404NotFound, message);

    public static IActionResult UnavailablePage(this PageModel page, string message) => page.Fail(StatusCodes.Status503ServiceUnavailable, message);

    private static StatusCodeResult Fail(this PageModel page, int status, string message)
    {
        page.HttpContext.Items[MessageKey] = message;
        return page.StatusCode(status);
    }
}
