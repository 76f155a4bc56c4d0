using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Paperwire.Tests.Docs;

/// <summary>
/// <c>deploy/paperwire.service</c>, the unit docs/deploy.md tells an operator to install: systemd finds nothing wrong
/// with it, and it keeps the promises the page makes (graceful stop, writes only to the data folder).
/// </summary>
public partial class DeployTests
{
    private const string InstalledExecutable = "/opt/paperwire/paperwire";

    [Fact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify()
    {
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        RequiredComponent.Require(analyze is not null, "systemd-analyze", "install Debian's systemd package (./test.sh does, as root)");
        var unit = await File.ReadAllTextAsync(UnitPath(), TestContext.Current.CancellationToken);
        Assert.Contains($"ExecStart={InstalledExecutable} serve", unit);

        // verify insists that ExecStart's program exists: the one substitution is where the build is installed.
        var folder = Directory.CreateTempSubdirectory("paperwire-unit-");
        try
        {
            var executable = Path.Combine(folder.FullName, "paperwire");
            await File.WriteAllTextAsync(executable, "#!/bin/sh\n", TestContext.Current.CancellationToken);
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
            }
            var copy = Path.Combine(folder.FullName, "paperwire.service");
            await File.WriteAllTextAsync(copy, unit.Replace(InstalledExecutable, executable, StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var (exitCode, output, errors) = await RunAsync(analyze!, "verify", "--man=no", copy);

            // verify exits 0 even for an unknown key or a value it cannot parse; it only says so on stderr.
            Assert.True(exitCode == 0 && errors.Length == 0 && output.Length == 0, $"systemd-analyze verify exited {exitCode}:\n{output}{errors}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_unit_stops_gracefully_and_writes_only_to_the_data_folder()
    {
        var settings = Settings(File.ReadAllText(UnitPath()));

        Assert.Equal("SIGTERM", settings["KillSignal"]);
        // Longer than the host's own shutdown timeout (PaperwireWebApp: 15 s), so systemd never kills a node mid-drain.
        Assert.True(Seconds(settings["TimeoutStopSec"]) > 15, $"TimeoutStopSec={settings["TimeoutStopSec"]}");
        Assert.Equal("yes", settings["NoNewPrivileges"]);
        Assert.Equal("strict", settings["ProtectSystem"]);
        Assert.Equal("yes", settings["PrivateTmp"]);
        Assert.Equal("on-failure", settings["Restart"]);
        var data = DataFolder().Match(settings["ExecStart"]).Groups[1].Value;
        Assert.Equal("/var/lib/paperwire", data);
        Assert.Equal(data, settings["ReadWritePaths"]);
        Assert.Equal(data, settings["WorkingDirectory"]);
        Assert.Equal("/var/lib/" + settings["StateDirectory"], data);
        Assert.False(settings.ContainsKey("MemoryDenyWriteExecute"), ".NET's JIT needs writable, then executable memory");
    }

    private static Dictionary<string, string> Settings(string unit) => unit.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith('[') && line.Contains('=', StringComparison.Ordinal))
        .Select(line => line.Split('=', 2))
        .GroupBy(pair => pair[0], StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);

    private static double Seconds(string span) => span.EndsWith("min", StringComparison.Ordinal)
        ? double.Parse(span[..^3], CultureInfo.InvariantCulture) * 60
        : double.Parse(span.TrimEnd('s'), CultureInfo.InvariantCulture);

    private static string UnitPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paperwire.slnx")))
            {
                return Path.Combine(dir.FullName, "deploy", "paperwire.service");
            }
        }

        throw new DirectoryNotFoundException($"No Paperwire.slnx above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await output).Trim(), (await errors).Trim());
    }

    [GeneratedRegex(@"--data (\S+)")]
    private static partial Regex DataFolder();
}
