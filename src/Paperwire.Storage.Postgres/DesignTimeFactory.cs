using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Paperwire.Storage.Postgres;

/// <summary>Lets <c>dotnet ef migrations add … --project src/Paperwire.Storage.Postgres</c> build the model for PostgreSQL.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PaperwireDbContext>
{
    public PaperwireDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PaperwireDbContext>();
        StorageServiceCollectionExtensions.Configure(options, new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=paperwire_design"));
        return new PaperwireDbContext(options.Options);
    }
}
