using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Paperwire.Storage.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add … --project src/Paperwire.Storage.Sqlite</c> build the model for SQLite.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PaperwireDbContext>
{
    public PaperwireDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PaperwireDbContext>();
        StorageServiceCollectionExtensions.Configure(options, new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
        return new PaperwireDbContext(options.Options);
    }
}
