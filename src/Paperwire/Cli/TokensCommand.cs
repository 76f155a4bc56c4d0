using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Paperwire.Accounts;
using Paperwire.Storage.Accounts;

namespace Paperwire.Cli;

/// <summary><c>paperwire tokens create --user N --name LABEL</c>: a personal API token for automation, printed once.</summary>
public static class TokensCommand
{
    public static Command Create()
    {
        var tokens = new Command("tokens", "Personal API tokens.");
        tokens.Subcommands.Add(CreateToken());
        return tokens;
    }

    private static Command CreateToken()
    {
        var user = new Option<string>("--user") { Description = "User name the token signs in as.", Required = true };
        var name = new Option<string>("--name") { Description = "A label to recognize the token by in account settings.", Required = true };
        var command = new Command("create", "Create a personal API token and print it; it is stored only as a hash and cannot be shown again.");
        command.Options.Add(user);
        command.Options.Add(name);
        command.SetAction(async (parseResult, cancellationToken) => await CommandScope.RunAsync(parseResult, async services =>
        {
            var label = parseResult.GetValue(name)!.Trim();
            if (label.Length is 0 or > 100 || label.Any(char.IsControl))
            {
                return CliErrors.Usage("--name is 1–100 characters, without control characters.");
            }

            var userName = parseResult.GetValue(user)!;
            if (await services.GetRequiredService<UserManager<PaperwireUser>>().FindByNameAsync(userName) is not { } account)
            {
                return CliErrors.Usage($"no user is called {userName}.");
            }

            if (await services.GetRequiredService<ApiTokenService>().CreateAsync(account.Id, label, cancellationToken) is not { } created)
            {
                return CliErrors.Usage($"{userName} already has {ApiTokenService.MaxTokensPerUser} live tokens; revoke one in account settings first.");
            }

            // The secret alone on standard output, so a script can capture it: TOKEN=$(paperwire tokens create …).
            Console.WriteLine(created.Secret);
            Console.Error.WriteLine($"Created token '{label}' for {account.UserName}. It is shown only this once.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
