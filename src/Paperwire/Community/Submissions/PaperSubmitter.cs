using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;
using Paperwire.Storage.Community;

namespace Paperwire.Community.Submissions;

/// <summary>
/// Puts a paper into today's daily feed for a signed-in user, under the rules of <see cref="SubmissionOptions"/>.
/// Metadata comes from the catalog, or from the arXiv API when the catalog lacks the paper (then it is written
/// through <see cref="CatalogWriter"/> like any other source). Every refusal happens before anything is written.
/// </summary>
public sealed class PaperSubmitter(
    UserManager<PaperwireUser> users,
    SubmissionStore store,
    PaperCatalog catalog,
    CatalogWriter writer,
    ArxivApiHarvester arxiv,
    FeedCache cache,
    IOptions<SubmissionOptions> options,
    TimeProvider clock,
    ILogger<PaperSubmitter> logger)
{
    public async Task<SubmissionOutcome> SubmitAsync(string userId, SubmissionRequest request, CancellationToken cancellationToken)
    {
        var rules = options.Value;
        if (!SubmissionInput.TryReadPaper(request.Paper, out var id, out var problem))
        {
            return SubmissionOutcome.Refused(StatusCodes.Status400BadRequest, "Invalid arXiv id or address", problem);
        }

        if (!SubmissionInput.TryReadComment(request.Comment, rules.MaxCommentLength, out var comment, out problem))
        {
            return SubmissionOutcome.Refused(StatusCodes.Status400BadRequest, "Invalid comment", problem);
        }

        if (!SubmissionInput.TryReadOrganization(request.Organization, out var organization, out problem))
        {
            return SubmissionOutcome.Refused(StatusCodes.Status400BadRequest, "Invalid organization", problem);
        }

        if (await users.FindByIdAsync(userId) is not { UserName: { } userName } user)
        {
            return SubmissionOutcome.Refused(StatusCodes.Status401Unauthorized, "Not signed in", "Sign in to submit papers.");
        }

        // Roles are read now rather than from the sign-in cookie, so a role given or taken applies at once.
        var roles = await users.GetRolesAsync(user);
        var isAdmin = roles.Contains(Roles.Admin);
        var trusted = isAdmin || roles.Contains(Roles.Curator);
        if (organization is not null && await CheckOrganizationAsync(userId, organization, isAdmin, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var paper = await catalog.FindAsync(id, cancellationToken);
        if (paper?.FeedEntry is { } existing)
        {
            return AlreadyInFeed(id, existing.FeedDate);
        }

        // Checked here to answer before fetching anything, and again where the entry is written (concurrent submissions).
        if (!trusted && await store.CountSubmittedOnAsync(userName, today, cancellationToken) >= rules.DailyLimit)
        {
            return DailyLimitReached(today, now);
        }

        Paper? fetched = null;
        if (paper is null)
        {
            var (found, notFound) = await FetchFromArxivAsync(id, cancellationToken);
            if (found is null)
            {
                return notFound!;
            }

            paper = fetched = found;
        }

        if (CheckPaper(paper, organization, today, trusted, isAdmin) is { } refused)
        {
            return refused;
        }

        if (fetched is not null)
        {
            await writer.UpsertAsync([fetched], mirrorsFeed: false, cancellationToken);
        }

        var html = comment is null ? null : SubmissionInput.CommentHtml(comment);
        var (entry, write) = await store.AddAsync(
            new NewSubmission(id, today, now, userId, userName, organization, comment, html, trusted ? null : rules.DailyLimit), cancellationToken);
        switch (write)
        {
            case SubmissionWrite.DailyLimitReached:
                return DailyLimitReached(today, now);
            case SubmissionWrite.AlreadyInFeed:
                return AlreadyInFeed(id, entry!.FeedDate);
        }

        // The invalidator would evict within seconds anyway; the submitter's next anonymous look should not wait.
        await cache.InvalidateAsync(cancellationToken);
        logger.LogInformation("{User} submitted {PaperId} to the daily feed of {FeedDate}", userName, id, today);
        return SubmissionOutcome.Accepted(entry!);
    }

    private SubmissionOutcome DailyLimitReached(DateOnly today, DateTimeOffset now)
    {
        var rules = options.Value;
        var tomorrow = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return SubmissionOutcome.Refused(
            StatusCodes.Status429TooManyRequests,
            "Daily submission limit reached",
            $"You have submitted {rules.DailyLimit} papers today, the daily limit; submit more after 00:00 UTC. Curators have no daily limit.",
            tomorrow - now);
    }

    private static SubmissionOutcome AlreadyInFeed(string id, DateOnly feedDate) => SubmissionOutcome.Refused(
        StatusCodes.Status409Conflict, "Already in the daily feed", $"{id} is already in the daily feed on {feedDate:yyyy-MM-dd}.");

    private async Task<SubmissionOutcome?> CheckOrganizationAsync(string userId, string organization, bool isAdmin, CancellationToken cancellationToken)
    {
        if (isAdmin)
        {
            return await store.OrganizationExistsAsync(organization, cancellationToken)
                ? null
                : SubmissionOutcome.Refused(StatusCodes.Status400BadRequest, "Unknown organization", $"No organization is called “{organization}”.");
        }

        return await store.IsMemberAsync(userId, organization, cancellationToken)
            ? null
            : SubmissionOutcome.Refused(StatusCodes.Status403Forbidden, "Not a member of the organization", $"You are not a member of “{organization}”, so you cannot link papers to it.");
    }

    private SubmissionOutcome? CheckPaper(Paper paper, string? organization, DateOnly today, bool trusted, bool isAdmin)
    {
        if (paper.Withdrawn)
        {
            return SubmissionOutcome.Refused(StatusCodes.Status400BadRequest, "Paper withdrawn", $"{paper.Id} is withdrawn on arXiv; withdrawn papers do not go into the daily feed.");
        }

        var published = DateOnly.FromDateTime(paper.PublishedAt.UtcDateTime);
        var maxAge = options.Value.MaxPaperAgeDays;
        if (!trusted && today.DayNumber - published.DayNumber > maxAge)
        {
            return SubmissionOutcome.Refused(
                StatusCodes.Status400BadRequest,
                "Paper too old",
                $"{paper.Id} was published on {published:yyyy-MM-dd}; only papers from the last {maxAge} days can be submitted (curators can submit older ones).");
        }

        if (organization is not null && paper.OrganizationName is { } linked && linked != organization && !isAdmin)
        {
            return SubmissionOutcome.Refused(StatusCodes.Status409Conflict, "Already linked to an organization", $"{paper.Id} is already linked to “{linked}”; only an admin can change that.");
        }

        return null;
    }

    private async Task<(Paper? Paper, SubmissionOutcome? Refusal)> FetchFromArxivAsync(string id, CancellationToken cancellationToken)
    {
        var rules = options.Value;
        using var timeout = new CancellationTokenSource(rules.ArxivTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await arxiv.FetchByIdAsync(id, linked.Token) is { } paper
                ? (paper, null)
                : (null, SubmissionOutcome.Refused(StatusCodes.Status404NotFound, "Not on arXiv", $"arXiv has no paper {id}."));
        }
        catch (Exception error) when (error is InvalidInputException or HttpRequestException
            || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The client already retried politely; the submitter can try again later, nothing was stored.
            logger.LogWarning("Could not look up {PaperId} on arXiv for a submission: {Problem}", id, error.Message);
            return (null, SubmissionOutcome.Refused(
                StatusCodes.Status503ServiceUnavailable,
                "arXiv is unavailable",
                $"arXiv did not answer when asked for {id}, so nothing was submitted. Try again in a few minutes.",
                rules.RetryAfterArxivFailure));
        }
    }
}
