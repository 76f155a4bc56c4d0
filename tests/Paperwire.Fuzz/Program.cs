using System.Diagnostics;
using Paperwire.Fuzz;
using SharpFuzz;

// paperwire-fuzz: one fuzz target per parser of outside input (see docs/security.md, "Fuzzing").
//   list                       the targets
//   afl TARGET                 run under afl-fuzz (SharpFuzz's out-of-process fork server); bench/fuzz.sh does this
//   replay TARGET PATH...      run files or folders through TARGET; exit 1 when one breaks the property
if (args is ["list"])
{
    foreach (var target in FuzzTargets.All)
    {
        Console.WriteLine($"{target.Name,-10} {target.Reads}");
    }

    return 0;
}

if (args is ["afl", var aflName] && FuzzTargets.Find(aflName) is { } aflTarget)
{
    // Out of process: a stack overflow or a hang kills a child that SharpFuzz restarts, and afl-fuzz records a crash.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        aflTarget.Run(buffer.ToArray());
    });
    return 0;
}

if (args is ["replay", var replayName, .. var paths] && FuzzTargets.Find(replayName) is { } replayTarget)
{
    var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).ToList();
    var failed = 0;
    foreach (var file in files)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            replayTarget.Run(File.ReadAllBytes(file));
        }
        catch (Exception error)
        {
            failed++;
            Console.WriteLine($"CRASH {file}: {error.GetType().Name}: {error.Message}");
            Console.WriteLine(error.StackTrace);
        }

        if (clock.Elapsed > TimeSpan.FromSeconds(2))
        {
            Console.WriteLine($"SLOW  {file}: {clock.Elapsed.TotalSeconds:N1} s");
        }
    }

    Console.WriteLine($"{replayName}: {files.Count} inputs, {failed} crashed");
    return failed == 0 ? 0 : 1;
}

Console.Error.WriteLine($"usage: paperwire-fuzz list | afl TARGET | replay TARGET PATH...   (targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))})");
return 2;
