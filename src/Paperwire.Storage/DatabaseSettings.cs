namespace Paperwire.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database to use: SQLite in the data folder unless a PostgreSQL connection string is given.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteFileName = "paperwire.db";

    /// <summary>
    /// Resolves the <c>--database</c> value: empty means SQLite in <paramref name="dataDirectory"/>;
    /// a string with <c>Host=</c> means PostgreSQL; <c>Data Source=</c> means a SQLite file elsewhere.
    /// </summary>
    public static DatabaseSettings Resolve(string dataDirectory, string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            var path = Path.GetFullPath(Path.Combine(dataDirectory, SqliteFileName));
            return new(DatabaseProvider.Sqlite, $"Data Source={path}");
        }

        if (connection.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, connection);
        }

        if (connection.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Sqlite, connection);
        }

        throw new ArgumentException(
            "The database connection must be a PostgreSQL connection string (Host=…;Database=…) or a SQLite one (Data Source=FILE).",
            nameof(connection));
    }

    /// <summary>A description safe to log: provider and target, never a password.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite ({ConnectionString["Data Source=".Length..]})"
        : $"PostgreSQL ({string.Join(';', ConnectionString.Split(';').Where(part => !part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)))})";
}
