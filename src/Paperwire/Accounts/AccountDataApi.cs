using Paperwire.Community;

namespace Paperwire.Accounts;

/// <summary><c>GET /api/account/export</c>: everything Paperwire holds about the signed-in reader, as a JSON download.</summary>
public static class AccountDataApi
{
    public const string ExportPath = "/api/account/export";

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
        return app;
    }
}
