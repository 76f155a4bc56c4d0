using Microsoft.AspNetCore.Http.HttpResults;

namespace Paperwire.Api;

/// <summary>The ProblemDetails answers the API gives for input a user can get wrong.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult InvalidPaperId(string? id) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid paper id",
        detail: $"'{Shorten(id)}' is not an arXiv id (2504.05299, hep-th/9901001) or a Paperwire id (pw-…).");

    public static ProblemHttpResult PaperNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Paper not found",
        detail: $"No paper with id '{id}' is in the catalog.");

    public static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
