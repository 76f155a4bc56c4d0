using System.CommandLine;
using Paperwire.Storage;

namespace Paperwire.Cli;

/// <summary>Options every command accepts: where the data folder is and which database to use.</summary>
public static class CommonOptions
{
    public const string DefaultDataDirectory = "./data";

    public static readonly Option<string> Data = new("--data")
    {
        Description = "Data folder (SQLite database, indexes). Default: ./data, or Paperwire__DataDirectory.",
        Recursive = true,
        HelpName = "DIR",
    };

    public static readonly Option<string> Database = new("--database")
    {
        Description = "Database connection: \"Host=…;Database=…\" for PostgreSQL, \"Data Source=FILE\" for SQLite. Default: SQLite in the data folder, or Paperwire__Database.",
        Recursive = true,
        HelpName = "CONNECTION",
    };

    /// <summary>The data folder from the flag, then the environment, then the default.</summary>
    public static string ResolveDataDirectory(ParseResult parseResult) =>
        parseResult.GetValue(Data)
        ?? Environment.GetEnvironmentVariable("Paperwire__DataDirectory")
        ?? DefaultDataDirectory;

    /// <summary>The database from the flag, then the environment, then SQLite in the data folder.</summary>
    public static DatabaseSettings ResolveDatabase(ParseResult parseResult) => DatabaseSettings.Resolve(
        ResolveDataDirectory(parseResult),
        parseResult.GetValue(Database) ?? Environment.GetEnvironmentVariable("Paperwire__Database"));
}
