using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Paperwire.Accounts;
using Paperwire.Core.Community;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Cli;

/// <summary><c>paperwire users create | create-admin | set-role | delete</c>: account administration from the server's shell.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Account administration.");
        users.Subcommands.Add(CreateUser());
        users.Subcommands.Add(CreateAdmin());
        users.Subcommands.Add(SetRole());
        users.Subcommands.Add(Delete());
        return users;
    }

    private static Command CreateUser() => CreateCommand(
        "create", "PAPERWIRE_USER_PASSWORD", role: null,
        "Create a confirmed account (no role), for people an operator signs up and for automation. The password is read from PAPERWIRE_USER_PASSWORD or standard input.");

    private static Command CreateAdmin() => CreateCommand(
        "create-admin", "PAPERWIRE_ADMIN_PASSWORD", Roles.Admin,
        "Create a confirmed admin account. The password is read from PAPERWIRE_ADMIN_PASSWORD or standard input.");

    private static Command CreateCommand(string commandName, string passwordVariable, string? role, string description)
    {
        var name = new Option<string>("--name") { Description = "User name (the public handle).", Required = true };
        var email = new Option<string>("--email") { Description = "Email address (marked confirmed).", Required = true };
        var command = new Command(commandName, description);
        command.Options.Add(name);
        command.Options.Add(email);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var password = Environment.GetEnvironmentVariable(passwordVariable) ?? (Console.IsInputRedirected ? Console.ReadLine() : ReadHidden());
            return await WithUsersAsync(parseResult, async manager =>
            {
                var userName = parseResult.GetValue(name)!;
                if (!AccountServices.IsValidUserName(userName))
                {
                    return CliErrors.Usage("a user name is 1–40 letters, digits, '-', '_' or '.', starting with a letter or digit.");
                }

                if (!EmailAddress.TryNormalize(parseResult.GetValue(email), out var address, out _))
                {
                    return CliErrors.Usage("--email must be one address mail can be sent to, like ann@example.org.");
                }

                var user = new PaperwireUser { UserName = userName, Email = address, EmailConfirmed = true, JoinedAt = DateTimeOffset.UtcNow };
                var created = await manager.CreateAsync(user, password ?? "");
                if (!created.Succeeded)
                {
                    return CliErrors.Usage(string.Join(" ", created.Errors.Select(e => e.Description)));
                }

                if (role is not null)
                {
                    await manager.AddToRoleAsync(user, role);
                }

                Console.WriteLine(role is null ? $"Created user {userName}." : $"Created {role} {userName}.");
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static Command SetRole()
    {
        var name = new Argument<string>("NAME") { Description = "User name." };
        var role = new Argument<string>("ROLE") { Description = $"One of: {string.Join(", ", Roles.All)}." };
        var remove = new Option<bool>("--remove") { Description = "Take the role away instead." };
        var command = new Command("set-role", "Give a user a role (or take it away with --remove).");
        command.Arguments.Add(name);
        command.Arguments.Add(role);
        command.Options.Add(remove);
        command.SetAction(async (parseResult, cancellationToken) => await WithUsersAsync(parseResult, async manager =>
        {
            var roleName = parseResult.GetValue(role)!.ToLowerInvariant();
            if (!Roles.All.Contains(roleName))
            {
                return CliErrors.Usage($"unknown role '{parseResult.GetValue(role)}'; roles are {string.Join(", ", Roles.All)}.");
            }

            if (await manager.FindByNameAsync(parseResult.GetValue(name)!) is not { } user)
            {
                return CliErrors.Usage($"no user is called {parseResult.GetValue(name)}.");
            }

            var result = parseResult.GetValue(remove)
                ? await manager.IsInRoleAsync(user, roleName) ? await manager.RemoveFromRoleAsync(user, roleName) : IdentityResult.Success
                : await manager.IsInRoleAsync(user, roleName) ? IdentityResult.Success : await manager.AddToRoleAsync(user, roleName);
            if (!result.Succeeded)
            {
                return CliErrors.Usage(string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            Console.WriteLine(parseResult.GetValue(remove) ? $"{user.UserName} is no longer {roleName}." : $"{user.UserName} is {roleName}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// <c>users delete --email X [--comments keep|remove] [--yes]</c>: a reader's account deleted on their request, as
    /// they could themselves on <c>/account/delete</c>. Without <c>--yes</c> the operator types the user name to confirm.
    /// </summary>
    private static Command Delete()
    {
        var email = new Option<string>("--email") { Description = "The account's email address.", Required = true };
        var comments = new Option<string>("--comments") { Description = "keep: shown as written by \"deleted user\" (the default); remove: deleted.", DefaultValueFactory = _ => "keep" };
        comments.AcceptOnlyFromAmong("keep", "remove");
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var command = new Command("delete", "Delete an account and everything Paperwire holds about its reader (votes, collections, interests, tokens, sessions, digest subscription); comments are kept as \"deleted user\" or removed.");
        command.Options.Add(email);
        command.Options.Add(comments);
        command.Options.Add(yes);
        command.SetAction(async (parseResult, cancellationToken) => await CommandScope.RunAsync(parseResult, async services =>
        {
            var address = parseResult.GetValue(email)!;
            var manager = services.GetRequiredService<UserManager<PaperwireUser>>();
            if (await manager.FindByEmailAsync(address.Trim()) is not { } user)
            {
                return CliErrors.Usage($"no account has the address {address}; nothing was deleted.");
            }

            // --comments accepts only these two words.
            var choice = parseResult.GetValue(comments) == "remove" ? CommentsOnDeletion.Remove : CommentsOnDeletion.Keep;
            if (!parseResult.GetValue(yes))
            {
                Console.Error.Write($"Delete the account {user.UserName} ({user.Email}) for good, {(choice == CommentsOnDeletion.Keep ? "keeping its comments as \"deleted user\"" : "removing its comments")}? Type the user name to confirm: ");
                if (!string.Equals(Console.ReadLine()?.Trim(), user.UserName, StringComparison.Ordinal))
                {
                    Console.Error.WriteLine("error: not confirmed; nothing was deleted.");
                    return 1;
                }
            }

            if (await services.GetRequiredService<AccountDeletion>().DeleteAsync(user.Id, choice, cancellationToken) is not { } deleted)
            {
                Console.Error.WriteLine($"error: the account {user.UserName} was deleted meanwhile.");
                return 1;
            }

            var fate = choice == CommentsOnDeletion.Keep
                ? $"{Count(deleted.CommentsKept, "comment")} kept as \"deleted user\""
                : $"{Count(deleted.CommentsRemoved, "comment")} removed";
            Console.WriteLine(
                $"Deleted the account {deleted.UserName}: {Count(deleted.Votes, "vote")} removed, {fate}, {Count(deleted.Collections, "collection")}, " +
                $"{Count(deleted.DigestSubscriptions, "digest subscription")}, {Count(deleted.ApiTokens, "API token")} and {Count(deleted.Sessions, "session")} ended.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static Task<int> WithUsersAsync(ParseResult parseResult, Func<UserManager<PaperwireUser>, Task<int>> action, CancellationToken cancellationToken) =>
        CommandScope.RunAsync(parseResult, async services =>
        {
            await AccountServices.EnsureRolesAsync(services);
            return await action(services.GetRequiredService<UserManager<PaperwireUser>>());
        }, cancellationToken);

    private static string ReadHidden()
    {
        Console.Write("Password: ");
        var password = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return password.ToString();
    }
}
