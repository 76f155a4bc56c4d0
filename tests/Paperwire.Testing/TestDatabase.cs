using Npgsql;
using Paperwire.Storage;

namespace Paperwire.Testing;

/// <summary>
/// A throwaway database: a SQLite file in a temp folder, or a fresh database on the PostgreSQL cluster
/// the test command starts (connection string in PAPERWIRE_TEST_POSTGRES).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PAPERWIRE_TEST_POSTGRES";

    private readonly string? postgresDatabase;
    private readonly string? adminConnection;

    private TestDatabase(DatabaseSettings settings, string dataDirectory, string? postgresDatabase, string? adminConnection)
    {
        Settings = settings;
        DataDirectory = dataDirectory;
        this.postgresDatabase = postgresDatabase;
        this.adminConnection = adminConnection;
    }

    public DatabaseSettings Settings { get; }

    public string DataDirectory { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("paperwire-test-").FullName;
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(DatabaseSettings.Resolve(dataDirectory, null), dataDirectory, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        RequiredComponent.Require(!string.IsNullOrEmpty(admin), "PostgreSQL", $"set {PostgresVariable} or run ./test.sh, which starts a throwaway cluster");
        var name = "pw_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), dataDirectory, name, admin);
    }

    /// <summary>A SQLite deployment already in <paramref name="dataDirectory"/> (a restored backup); disposing deletes the folder.</summary>
    public static TestDatabase InFolder(string dataDirectory) =>
        new(DatabaseSettings.Resolve(dataDirectory, null), dataDirectory, null, null);

    /// <summary>
    /// The same database seen by another node: a data folder of its own (caches, search index), this database.
    /// Disposing it removes only that folder; the database goes with this one.
    /// </summary>
    public TestDatabase ForAnotherNode() =>
        new(Settings, Directory.CreateTempSubdirectory("paperwire-test-").FullName, postgresDatabase: null, adminConnection: null);

    public async ValueTask DisposeAsync()
    {
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}
