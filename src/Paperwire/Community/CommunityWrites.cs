using Microsoft.AspNetCore.Antiforgery;
using Paperwire.Accounts;

namespace Paperwire.Community;

/// <summary>
/// The rule for every state-changing API endpoint: signed in (API token or cookie), and a cookie-signed-in request
/// must also carry the antiforgery token (header <c>X-CSRF-TOKEN</c> or form field), so another site cannot
/// make a visitor's browser vote or comment. Failures are ProblemDetails: 401, or 400 for the antiforgery token.
/// </summary>
public static class CommunityWrites
{
    public const string Policy = "community-writes";

    public static TBuilder RequireSignedInWrite<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(Policy);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!ApiTokenAuthentication.UsedToken(http.User))
            {
                try
                {
                    await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
                }
                catch (AntiforgeryValidationException)
                {
                    return TypedResults.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Missing or invalid antiforgery token",
                        detail: "Send the X-CSRF-TOKEN header from the page's form, or use a personal API token (Authorization: Bearer pw_…).");
                }
            }

            return await next(context);
        });
        return builder;
    }

    /// <summary>The signed-in user's id (every community write has one).</summary>
    public static string UserId(this HttpContext context) =>
        context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
        ?? throw new InvalidOperationException("Community writes require a signed-in user.");
}
