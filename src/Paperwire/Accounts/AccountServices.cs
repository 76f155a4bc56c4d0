using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Paperwire.Core;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>Accounts: ASP.NET Core Identity on the catalog's DbContext, cookie sign-in, mail through the pickup folder.</summary>
public static class AccountServices
{
    public const int MinimumPasswordLength = 10;

    /// <summary>Users, roles, tokens and account mail: what both the web host and the <c>users</c> commands need.</summary>
    public static IServiceCollection AddPaperwireUsers(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<MailOptions>()
            .BindConfiguration(MailOptions.Section)
            .PostConfigure(o => o.PickupDirectory ??= Path.Combine(dataDirectory, "mail-pickup"));
        services.AddSingleton<MailPickup>();
        services.AddScoped<AccountEmails>();

        // Commands create tokens too (paperwire tokens create), so the service is registered for every host.
        services.AddScoped<ApiTokenService>();
        // So are deletions (paperwire users delete).
        services.AddScoped<AccountDeletion>();
        services.AddSingleton<PasswordDecoy>();

        // Keys that sign cookies, antiforgery and email/digest tokens, kept in the database: they survive restarts,
        // and every node of a cluster shares them. SharedKeyRing takes over keys an older version kept in the folder.
        services.AddDataProtection()
            .SetApplicationName("Paperwire")
            .PersistKeysToDbContext<PaperwireDbContext>();
        services.AddSingleton(new KeyRingFolder(Path.Combine(dataDirectory, "keys")));
        services.AddScoped<SharedKeyRing>();
        services.AddIdentityCore<PaperwireUser>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PaperwireDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        return services;
    }

    /// <summary>Cookie sign-in and antiforgery for the web host.</summary>
    public static IServiceCollection AddPaperwireAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AccountExporter>();
        services.AddScoped<DeletionConfirmation>();
        services.TryAddSingleton<Hosting.LocalWrites>();
        services.AddSingleton<SessionStore>();
        services.AddScoped<UserSessions>();
        // Sessions live in the database (SessionStore), so sign-out and password resets really end them.
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionStore>((cookie, store) => cookie.SessionStore = store);
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddPolicyScheme(ApiTokenAuthentication.ApiScheme, "API token or cookie", scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies();
        // Registered after the cookie handler's own post-configuration (AddIdentityCookies), which makes the format this wraps.
        services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            if (cookie.TicketDataFormat is not CachedCookieFormat)
            {
                cookie.TicketDataFormat = new CachedCookieFormat(cookie.TicketDataFormat
                    ?? throw new InvalidOperationException("The sign-in cookie has no ticket format to wrap yet."));
            }
        });
        services.AddAuthorizationBuilder().AddPolicy(Community.CommunityWrites.Policy, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthentication.ApiScheme)
            .RequireAuthenticatedUser());
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/signin";
            cookie.LogoutPath = "/account/signout";
            cookie.AccessDeniedPath = "/error/403";
            cookie.Cookie.Name = "paperwire.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            // The API answers 401/403 as ProblemDetails; only pages redirect to the sign-in form.
            cookie.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            cookie.ExpireTimeSpan = TimeSpan.FromDays(30);
            // Identity checks the security stamp every 30 minutes, but resolving its validator costs a database context
            // and a UserManager on every request; only ask it when a check is due (the session store compares the
            // stamp too, whenever it reads a session from the database).
            cookie.Events.OnValidatePrincipal = context => StampCheckDue(context)
                ? SecurityStampValidator.ValidatePrincipalAsync(context)
                : Task.CompletedTask;
        });
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-CSRF-TOKEN";
            options.Cookie.Name = "paperwire.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>The same test <see cref="SecurityStampValidator"/> makes before it checks anything.</summary>
    private static bool StampCheckDue(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        return context.Properties.IssuedUtc is not { } issued
            || (options.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued > options.ValidationInterval;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    // Nodes that start together on a fresh database create the roles at the same moment: the loser's insert does nothing
    // (through RoleManager it would fail on the unique name and stop that node's start).
    private const string InsertRole = """
        INSERT INTO roles ("Id", "ConcurrencyStamp", "Name", "NormalizedName") VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Creates the role rows (admin, moderator, curator) where missing; run at start and by the users commands.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var db = services.GetRequiredService<PaperwireDbContext>();
        foreach (var role in Core.Community.Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var row = new IdentityRole(role);
                await db.Database.ExecuteSqlRawAsync(InsertRole, row.Id, row.ConcurrencyStamp!, role, roles.NormalizeKey(role)!);
            }
        }
    }

    /// <summary>User names are handles in URLs: the same rule as everywhere else.</summary>
    public static bool IsValidUserName(string? name) => Handle.IsValid(name) && name!.Length <= 40;
}
