using Paperwire.Fuzz.Targets;

namespace Paperwire.Fuzz;

/// <summary>Every parser of outside input that is fuzzed, by the name bench/fuzz.sh and the seeds folders use.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        SnapshotTarget.Create(),
        OaiTarget.Create(),
        AtomTarget.Create(),
        HfTarget.Create(),
        QueryTarget.Create(),
        CommentTarget.Create(),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>The folder holding <c>seeds/</c> and <c>crashes/</c> (copied next to the assembly).</summary>
    public static string InputsFolder => AppContext.BaseDirectory;

    /// <summary>Seed corpus and saved crashing inputs of <paramref name="target"/>: what CI replays.</summary>
    public static IEnumerable<string> RegressionInputs(FuzzTarget target) =>
        new[] { "seeds", "crashes" }
            .Select(kind => Path.Combine(InputsFolder, kind, target.Name))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder))
            .Where(path => !Path.GetFileName(path).StartsWith('.') && Path.GetFileName(path) != "README.txt")
            .Order(StringComparer.Ordinal);
}
