using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Paperwire.Api;
using Paperwire.Hosting;
using Paperwire.Storage.Community;

namespace Paperwire.Community.Submissions;

/// <summary>The body of <c>POST /api/papers/submit</c>.</summary>
/// <param name="Paper">arXiv id or address: <c>2504.05299</c>, <c>arXiv:2504.05299</c>, <c>hep-th/9901001</c>, <c>https://arxiv.org/abs/2504.05299v2</c>, <c>https://arxiv.org/pdf/2504.05299</c>.</param>
/// <param name="Comment">Optional first comment on the paper (at most 2,000 characters by default).</param>
/// <param name="Organization">Optional organization (its short name) to link the paper to; you must be a member (admins may link any).</param>
public sealed record SubmitPaperRequest(string? Paper, string? Comment, string? Organization);

/// <summary>Registrations and API endpoints of the submissions feature (issue 5).</summary>
public static class SubmissionsFeature
{
    public static IServiceCollection AddSubmissions(this IServiceCollection services)
    {
        services.AddOptions<SubmissionOptions>().BindConfiguration(SubmissionOptions.Section);
        services.AddScoped<SubmissionStore>();
        services.AddScoped<PaperSubmitter>();
        return services;
    }

    public static RouteGroupBuilder MapSubmissionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/papers/submit", SubmitAsync)
            .RequireSignedInWrite()
            .RequireRateLimiting(RateLimits.Submissions)
            .WithTags("Community")
            .WithName("SubmitPaper")
            .WithSummary("Submit an arXiv paper to today's daily feed (201 with the daily-paper item).")
            .WithDescription(
                "Feed date: today (UTC). Metadata comes from the catalog, or from the arXiv API when the catalog lacks the paper. " +
                "Rules (Community:Submissions): at most DailyLimit (5) submissions per user per UTC day, else 429 with Retry-After " +
                "until midnight UTC; papers at most MaxPaperAgeDays (14) old by paper date; curators and admins are exempt from both. " +
                "One feed entry per paper (409 naming the date it is in the feed). Withdrawn papers, invalid ids and addresses: 400. " +
                "Unknown on arXiv: 404. arXiv unreachable: 503 with Retry-After; nothing is stored on any refusal.")
            .Accepts<SubmitPaperRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Created<HfDailyPaper>, ProblemHttpResult>> SubmitAsync(
        SubmitPaperRequest? request, HttpContext context, PaperSubmitter submitter, CancellationToken cancellationToken)
    {
        var outcome = await submitter.SubmitAsync(
            context.UserId(), new SubmissionRequest(request?.Paper, request?.Comment, request?.Organization), cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            if (refusal.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);
        }

        var entry = outcome.Entry!;
        return TypedResults.Created("/api/papers/" + entry.PaperId, entry.ToHfDailyPaper());
    }
}
