using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperwire.Hosting;

namespace Paperwire.Cli;

/// <summary><c>paperwire serve</c>: migrate, load the demo corpus into an empty database, serve the web app.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://localhost:5080";

    private static readonly Option<string> Urls = new("--urls")
    {
        Description = "Addresses to listen on, separated by ';'.",
        HelpName = "URLS",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrls,
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run the web platform (pages, API, feeds).");
        command.Options.Add(Urls);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CliErrors.Guard(() => new PaperwireSettings(
                CommonOptions.ResolveDataDirectory(parseResult),
                CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            var app = PaperwireWebApp.Create(settings, builder => builder.WebHost.UseUrls(parseResult.GetValue(Urls)!));
            return await CliErrors.RunAsync(async () =>
            {
                // Settings no value of which works (e.g. an unknown Search:EmbeddingModel) stop the start before any work.
                app.Services.GetService<IStartupValidator>()?.Validate();
                await PaperwireWebApp.PrepareAsync(app, cancellationToken);
                await app.RunAsync();
            });
        });
        return command;
    }
}
