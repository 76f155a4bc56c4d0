namespace Paperwire.Community.Collections;

/// <summary>
/// How a community write ended, in HTTP terms, so the API (ProblemDetails) and the pages (friendly error page)
/// give the same answer for the same rule.
/// </summary>
public readonly record struct Outcome(int Status, string Title, string Detail)
{
    public bool Succeeded => Status < 300;

    public static readonly Outcome Ok = new(StatusCodes.Status200OK, "", "");

    public static Outcome BadRequest(string title, string detail) => new(StatusCodes.Status400BadRequest, title, detail);

    public static Outcome Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Not allowed", detail);

    public static Outcome NotFound(string title, string detail) => new(StatusCodes.Status404NotFound, title, detail);

    public static Outcome Conflict(string title, string detail) => new(StatusCodes.Status409Conflict, title, detail);

    public IResult ToProblem() => TypedResults.Problem(statusCode: Status, title: Title, detail: Detail);
}

/// <summary>An <see cref="Outcome"/> with the value a successful write produced.</summary>
public readonly record struct Outcome<T>(Outcome Status, T? Value)
{
    public bool Succeeded => Status.Succeeded;

    public static implicit operator Outcome<T>(Outcome status) => new(status, default);
}

/// <summary>Failed outcomes on pages: the status code, and the friendly error page shows the detail.</summary>
public static class OutcomePages
{
    public static Microsoft.AspNetCore.Mvc.IActionResult FailurePage(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, Outcome outcome)
    {
        page.HttpContext.Items[Pages.PageErrors.MessageKey] = outcome.Detail;
        return page.StatusCode(outcome.Status);
    }
}
