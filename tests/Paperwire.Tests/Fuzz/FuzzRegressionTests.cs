using System.Diagnostics;
using Paperwire.Fuzz;

namespace Paperwire.Tests.Fuzz;

/// <summary>
/// Every fuzz target's seed corpus and saved crashing inputs (tests/Paperwire.Fuzz/seeds and crashes), run
/// through the same property bench/fuzz.sh fuzzes with: a result or a documented rejection, never another
/// exception, and quickly. No time budget, no AFL: a crash once found and fixed stays fixed.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Targets))]
    public async Task SeedsAndSavedCrashes_KeepTheParsersProperty(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var inputs = FuzzTargets.RegressionInputs(target).ToList();
        Assert.NotEmpty(inputs);

        var failures = await Task.Run(() => inputs.Select(path => Replay(target, path)).OfType<string>().ToList(), TestContext.Current.CancellationToken);

        Assert.Empty(failures);
    }

    private static string? Replay(FuzzTarget target, string path)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            target.Run(File.ReadAllBytes(path));
        }
        catch (Exception error)
        {
            return $"{Path.GetFileName(path)}: {error.GetType().Name}: {error.Message}";
        }

        // afl-fuzz allows 5 s; a busy CI machine gets more, but a hang must not pass.
        return clock.Elapsed > TimeSpan.FromSeconds(20) ? $"{Path.GetFileName(path)}: took {clock.Elapsed.TotalSeconds:N0} s" : null;
    }
}
