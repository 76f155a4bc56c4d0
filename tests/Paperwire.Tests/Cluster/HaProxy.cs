using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paperwire.Tests.Cluster;

/// <summary>
/// Debian's HAProxy on loopback in front of Paperwire nodes, with the configuration docs/operations.md describes:
/// round robin over the nodes that answer <c>/readyz</c> (checked every second), a node marked down on its first
/// refused connection, and a request whose connection failed retried on another node. For the tests it also listens
/// on one port per node that always goes to that node (to pin a request), and names the node that answered in
/// <c>X-Paperwire-Node</c>.
/// </summary>
public sealed class HaProxy : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string folder;

    private HaProxy(Process process, string folder, Uri balanced, IReadOnlyDictionary<string, Uri> pinned)
    {
        this.process = process;
        this.folder = folder;
        Balanced = balanced;
        Pinned = pinned;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The address readers use: any node that is up.</summary>
    public Uri Balanced { get; }

    /// <summary>Node name → an address that always reaches that node.</summary>
    public IReadOnlyDictionary<string, Uri> Pinned { get; }

    /// <summary>What HAProxy logged: failed requests and servers going up and down (normal requests are not logged).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The haproxy binary, or null when it is not installed.</summary>
    public static string? Find() =>
        new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy" }.FirstOrDefault(File.Exists);

    /// <summary>A port the OS says is free on loopback (bound to port 0, then let go).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts HAProxy in front of <paramref name="nodes"/> (name → port) and waits until it listens.</summary>
    public static async Task<HaProxy> StartAsync(string binary, IReadOnlyDictionary<string, int> nodes)
    {
        var folder = Directory.CreateTempSubdirectory("paperwire-haproxy-").FullName;
        var balanced = FreePort();
        var pinned = nodes.Keys.ToDictionary(name => name, _ => FreePort(), StringComparer.Ordinal);
        var config = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(config, Configuration(balanced, nodes, pinned));

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-db", "-f", config])
        {
            start.ArgumentList.Add(arg);
        }

        var proxy = new HaProxy(
            Process.Start(start)!,
            folder,
            new Uri($"http://127.0.0.1:{balanced}/"),
            pinned.ToDictionary(p => p.Key, p => new Uri($"http://127.0.0.1:{p.Value}/"), StringComparer.Ordinal));
        var deadline = Stopwatch.StartNew();
        foreach (var port in pinned.Values.Append(balanced))
        {
            while (!await ListensAsync(port))
            {
                if (proxy.process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    var log = proxy.Output;
                    proxy.Dispose();
                    throw new InvalidOperationException($"HAProxy did not listen on 127.0.0.1:{port}:\n{log}");
                }

                await Task.Delay(50);
            }
        }

        return proxy;
    }

    /// <summary>The configuration: the part under "backend paperwire" is what docs/operations.md recommends.</summary>
    public static string Configuration(int balanced, IReadOnlyDictionary<string, int> nodes, IReadOnlyDictionary<string, int> pinned)
    {
        var text = new StringBuilder($$"""
            global
                log stdout format raw local0 info
                maxconn 4096

            defaults
                mode http
                log global
                option httplog
                option dontlog-normal
                option forwardfor
                timeout connect 2s
                timeout client 60s
                timeout server 60s
                timeout http-keep-alive 10s
                timeout check 2s
                retries 3
                option redispatch 1

            frontend paperwire
                bind 127.0.0.1:{{balanced}}
                default_backend paperwire

            backend paperwire
                balance roundrobin
                option httpchk
                http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host localhost
                http-check expect status 200
                default-server check inter 1s fall 2 rise 1 observe layer4 error-limit 1 on-error mark-down
                http-response set-header X-Paperwire-Node %s

            """);
        foreach (var (name, port) in nodes)
        {
            text.Append(CultureInfo.InvariantCulture, $"    server {name} 127.0.0.1:{port}\n");
        }

        foreach (var (name, port) in pinned)
        {
            text.Append(CultureInfo.InvariantCulture, $"""

                frontend pinned_{name}
                    bind 127.0.0.1:{port}
                    default_backend pinned_{name}

                backend pinned_{name}
                    http-response set-header X-Paperwire-Node %s
                    server {name} 127.0.0.1:{nodes[name]}

                """);
        }

        return text.ToString();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
