using Paperwire.Storage;

namespace Paperwire.Tests;

/// <summary>Storage-backed tests run once per provider: <c>[MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]</c>.</summary>
public static class Databases
{
    public static TheoryData<DatabaseProvider> Both => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}
