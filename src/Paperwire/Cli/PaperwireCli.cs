using System.CommandLine;

namespace Paperwire.Cli;

/// <summary>The command tree: one file per command group.</summary>
public static class PaperwireCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Paperwire: a self-hostable daily feed of research papers.");
        root.Options.Add(CommonOptions.Data);
        root.Options.Add(CommonOptions.Database);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(HarvestCommand.Create());
        root.Subcommands.Add(ReindexCommand.Create());
        root.Subcommands.Add(EmbedCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(TokensCommand.Create());
        root.Subcommands.Add(CollectionsCommand.Create());
        root.Subcommands.Add(DigestCommand.Create());
        root.Subcommands.Add(SubscribersCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(BackupCommand.CreateRestore());
        return root;
    }
}
