using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Paperwire.Community;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>
/// The signed-in reader's own data: <c>GET /api/account/export</c>, everything Paperwire holds about them as a JSON
/// download, and <c>DELETE /api/account</c>, which deletes the account once its password confirms it.
/// </summary>
public static class AccountDataApi
{
    public const string ExportPath = "/api/account/export";
    public const string AccountPath = "/api/account";

    public static WebApplication MapAccountData(this WebApplication app)
    {
        app.MapGet(ExportPath, async (HttpContext context, AccountExporter exporter, CancellationToken ct) =>
            {
                if (await exporter.ReadAsync(context.UserId(), ct) is not { } export)
                {
                    return (IResult)TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found", detail: "This account no longer exists.");
                }

                // Personal data: no shared cache may keep it, and a browser saves it as a file.
                context.Response.Headers.CacheControl = "private, no-store";
                context.Response.Headers.ContentDisposition = "attachment; filename=\"paperwire-account.json\"";
                return TypedResults.Ok(export);
            })
            .WithTags("Account")
            .WithSummary("Everything Paperwire holds about you (profile, comments, collections, submissions, claims, organizations, digest subscriptions, API tokens, sessions, votes and every other signal), as a JSON download. Secrets (password hash, token hashes, session tickets) are never included.")
            .RequireAuthorization(CommunityWrites.Policy)
            .Produces<AccountExport>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        app.MapDelete(AccountPath, DeleteAsync)
            .WithTags("Account")
            .WithSummary("Deletes your account for good. Send your password (or, for an account without one, its email address) and what happens to your comments: \"keep\" (shown as written by \"deleted user\") or \"remove\". Votes are removed and the papers' counts corrected; digest subscriptions end; every API token and session stops working at once.")
            .RequireSignedInWrite()
            .RequireRateLimiting(RateLimits.Accounts)
            .Produces<DeleteAccountResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> DeleteAsync(
        HttpContext context,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] DeleteAccountRequest? request,
        UserManager<PaperwireUser> users,
        DeletionConfirmation confirmation,
        AccountDeletion deletion,
        CancellationToken cancellationToken)
    {
        if (!DeletionConfirmation.TryParseComments(request?.Comments, out var comments))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["comments"] = ["Say what happens to your comments: \"keep\" (shown as by \"deleted user\") or \"remove\"."] },
                title: "Invalid account deletion");
        }

        if (await users.GetUserAsync(context.User) is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "This account no longer exists.");
        }

        if (!await confirmation.CheckAsync(user, request?.Password, request?.Email))
        {
            var needsPassword = await confirmation.NeedsPasswordAsync(user);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not confirmed", detail: DeletionConfirmation.Explain(needsPassword));
        }

        if (await deletion.DeleteAsync(user.Id, comments, cancellationToken) is not { } deleted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "This account no longer exists.");
        }

        await AfterDeletionAsync(context, cancellationToken);
        return TypedResults.Ok(DeleteAccountResponse.From(deleted));
    }

    /// <summary>
    /// What the web host does after a deletion committed: this node forgets the sessions it kept in memory and its cached
    /// pages at once (other nodes within their poll interval), and a browser's sign-in cookie is cleared.
    /// </summary>
    public static async Task AfterDeletionAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        services.GetRequiredService<LocalWrites>().Note();
        await services.GetRequiredService<FeedCache>().InvalidateAsync(cancellationToken);
        if (!ApiTokenAuthentication.UsedToken(context.User))
        {
            await services.GetRequiredService<SignInManager<PaperwireUser>>().SignOutAsync();
        }
    }
}

/// <summary>The body of <c>DELETE /api/account</c>.</summary>
/// <param name="Password">The account's password.</param>
/// <param name="Email">For an account without a password: its email address (its user name when it has none).</param>
/// <param name="Comments">"keep" or "remove".</param>
public sealed record DeleteAccountRequest(string? Password, string? Email, string? Comments);

/// <summary>What was deleted.</summary>
public sealed record DeleteAccountResponse(
    string UserName, int VotesRemoved, int CommentsKept, int CommentsRemoved, int Collections, int DigestSubscriptions, int ApiTokens, int Sessions)
{
    public static DeleteAccountResponse From(DeletedAccount deleted) => new(
        deleted.UserName, deleted.Votes, deleted.CommentsKept, deleted.CommentsRemoved, deleted.Collections, deleted.DigestSubscriptions, deleted.ApiTokens, deleted.Sessions);
}
