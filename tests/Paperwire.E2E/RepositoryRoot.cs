namespace Paperwire.E2E;

/// <summary>The checkout's root: the first folder above the test binaries that holds Paperwire.slnx.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paperwire.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Paperwire.slnx above {AppContext.BaseDirectory}.");
    }
}
