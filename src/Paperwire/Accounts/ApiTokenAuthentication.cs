using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>
/// <c>Authorization: Bearer pw_…</c> signs a request in as the token's owner (with their roles). Requests
/// authenticated this way need no antiforgery token: a browser never sends it on its own. Lockout does not apply:
/// it guards the password against guessing, and anyone can trigger it with five wrong passwords for a public user
/// name, which must not switch off that user's scripts. A token is refused only when it is unknown or revoked.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserManager<PaperwireUser> users,
    IUserClaimsPrincipalFactory<PaperwireUser> principals) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The scheme API endpoints use: a bearer token when one is sent, the sign-in cookie otherwise.</summary>
    public const string ApiScheme = "PaperwireApi";

    public const string MethodClaim = "paperwire:auth";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var userId = await tokens.FindUserIdAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (userId is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        }

        var principal = await principals.CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(MethodClaim, "token"));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName)), SchemeName));
    }

    public static bool UsedToken(ClaimsPrincipal user) => user.HasClaim(MethodClaim, "token");
}
