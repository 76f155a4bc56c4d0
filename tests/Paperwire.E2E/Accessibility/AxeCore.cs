namespace Paperwire.E2E.Accessibility;

/// <summary>
/// axe-core's script, from the npm package that <c>./test.sh</c> installs (<c>npm ci</c> in tests/Paperwire.E2E,
/// pinned by its package-lock.json). Missing, the accessibility tests fail in CI and skip loudly elsewhere.
/// </summary>
public static class AxeCore
{
    private static readonly Lazy<string?> Script = new(() =>
    {
        var file = Path.Combine(RepositoryRoot.Find(), "tests", "Paperwire.E2E", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    });

    /// <summary>The script's text; skips (locally) or fails (in CI) the calling test when the package is not installed.</summary>
    public static string Source()
    {
        Require();
        return Script.Value!;
    }

    /// <inheritdoc cref="Source"/>
    public static void Require() =>
        RequiredComponent.Require(Script.Value is not null, "axe-core", "run `npm ci` in tests/Paperwire.E2E (./test.sh does)");
}
