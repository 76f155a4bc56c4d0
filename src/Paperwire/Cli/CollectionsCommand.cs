using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Paperwire.Community.Collections;
using Paperwire.Hosting;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;

namespace Paperwire.Cli;

/// <summary>
/// <c>paperwire collections import --collection SLUG --user NAME FILE</c>: a BibTeX or RIS file into a user's collection,
/// as the collection's import page does it (Community/Collections/CollectionImport.cs). Prints one line per reference
/// that was not imported and a summary; exits 1 when the file is not BibTeX or RIS, or nothing could be stored.
/// </summary>
public static class CollectionsCommand
{
    public static Command Create()
    {
        var collections = new Command("collections", "Users' collections of papers.");
        collections.Subcommands.Add(Import());
        return collections;
    }

    private static Command Import()
    {
        var user = new Option<string>("--user") { Description = "The user whose collection it is.", Required = true };
        var collection = new Option<string>("--collection") { Description = "The collection's slug (its name in the address, /collections/USER/SLUG).", Required = true };
        var file = new Argument<FileInfo>("FILE") { Description = "A BibTeX (.bib) or RIS (.ris) file, as Zotero or Mendeley export it." };
        var command = new Command("import", "Import a BibTeX or RIS file into a collection: references are matched by arXiv id, DOI, then title; missing arXiv papers are fetched.");
        command.Options.Add(user);
        command.Options.Add(collection);
        command.Arguments.Add(file);
        command.SetAction(async (parseResult, cancellationToken) => await CommandScope.RunAsync(parseResult, async services =>
        {
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                return CliErrors.Usage($"{path.FullName} does not exist.");
            }

            if (path.Length > Citations.Import.ReferenceFile.MaxBytes)
            {
                return CliErrors.Usage(CollectionImport.TooLarge.Detail);
            }

            var userName = parseResult.GetValue(user)!;
            if (await services.GetRequiredService<UserManager<PaperwireUser>>().FindByNameAsync(userName) is not { } account)
            {
                return CliErrors.Usage($"no user is called {userName}.");
            }

            var slug = parseResult.GetValue(collection)!;
            var id = await services.GetRequiredService<PaperwireDbContext>().Collections
                .Where(c => c.OwnerId == account.Id && c.Slug == slug).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return CliErrors.Usage($"{userName} has no collection {slug}.");
            }

            var outcome = await services.GetRequiredService<CollectionImport>().ImportAsync(
                account.Id, id.Value, await File.ReadAllBytesAsync(path.FullName, cancellationToken), cancellationToken);
            if (outcome.Value is { } report)
            {
                foreach (var reference in report.Unmatched)
                {
                    Console.WriteLine($"line {reference.Entry.Line}: {reference.Entry.Title ?? reference.Entry.Key ?? "untitled"}: {ImportWords.Sentence(reference.Match)}");
                }
            }

            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine($"error: {outcome.Status.Detail}");
                return 1;
            }

            var done = outcome.Value!;
            Console.Error.WriteLine($"Added {done.Added} papers to {userName}/{slug}; {done.References.Count(r => r.Matched)} of {done.References.Count} references matched.");
            return 0;
        }, cancellationToken, services => services.AddWebPlatformForCommands().AddCollections()));
        return command;
    }

    /// <summary>What a collection write needs of the web platform: the cache it evicts (other nodes follow the change sequence).</summary>
    private static IServiceCollection AddWebPlatformForCommands(this IServiceCollection services)
    {
        services.AddOutputCache(FeedCache.AddPolicies);
        services.AddSingleton<FeedCacheInvalidator>();
        services.AddScoped<FeedCache>();
        return services;
    }
}
