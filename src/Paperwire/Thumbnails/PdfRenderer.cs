using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;

namespace Paperwire.Thumbnails;

/// <summary>A drawn first page: the PNG file and its size in pixels.</summary>
public sealed record RenderedPage(string Path, int Width, int Height);

/// <summary>
/// Draws a PDF's first page with Poppler's <c>pdftoppm</c> (Debian's poppler-utils): run with an argument list, never a
/// shell, in the PDF's own temporary folder, and killed (with anything it started) when it overruns
/// <see cref="ThumbnailOptions.RenderTimeout"/>. What it writes is checked to be a PNG of sane size before it is used.
/// </summary>
public sealed class PdfRenderer(IOptions<ThumbnailOptions> options)
{
    /// <summary>A thumbnail larger than this is not a 400-pixel-wide page: refused rather than served.</summary>
    public const long MaxPngBytes = 8 * 1024 * 1024;

    private const int MaxHeightRatio = 4;
    private const int ErrorTail = 300;

    private readonly Lazy<string?> executable = new(() => Find(options.Value.Renderer));

    /// <summary>The renderer's full path, or null when it is not installed (or not where configured).</summary>
    public string? Executable => executable.Value;

    /// <summary>Why there is no renderer, in words for the log and <c>/admin/status</c>.</summary>
    public string MissingReason => $"{options.Value.Renderer} was not found{(options.Value.Renderer.Contains('/', StringComparison.Ordinal) ? "" : " on PATH")} (install Debian's poppler-utils, or set {ThumbnailOptions.Section}:Renderer)";

    /// <summary>Draws page 1 of <paramref name="pdf"/> into <c>page.png</c> beside it.</summary>
    /// <exception cref="ThumbnailFailedException">pdftoppm failed, overran its time, or wrote no usable PNG.</exception>
    public async Task<RenderedPage> RenderFirstPageAsync(string pdf, CancellationToken cancellationToken)
    {
        var program = Executable ?? throw new InvalidOperationException(MissingReason);
        var folder = Path.GetDirectoryName(pdf)!;
        var prefix = Path.Combine(folder, "page");
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = folder,
        };
        // Nothing of the server's environment (database and SMTP passwords may be in it) for a program that parses
        // untrusted files.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        start.Environment["HOME"] = folder;
        start.Environment["LC_ALL"] = "C.UTF-8";
        var pixels = options.Value.Width;
        // The crop box bounds the bitmap pdftoppm allocates: a page a hundred times taller than wide would otherwise ask
        // for gigabytes at this width. A page taller than MaxHeightRatio widths keeps its top, which is what cards show.
        string[] arguments =
        [
            "-f", "1", "-l", "1", "-scale-to-x", Number(pixels), "-scale-to-y", "-1",
            "-x", "0", "-y", "0", "-W", Number(pixels), "-H", Number(pixels * MaxHeightRatio),
            "-png", "-singlefile", pdf, prefix,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception error)
        {
            // Not the paper's fault (the program went away, or may not run): the run fails and the paper waits.
            throw new IOException($"{program} could not be started: {error.Message}", error);
        }

        process.StandardInput.Close();
        var output = DrainAsync(process.StandardOutput);
        var errors = DrainAsync(process.StandardError);
        using var overrun = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overrun.CancelAfter(options.Value.RenderTimeout);
        try
        {
            await process.WaitForExitAsync(overrun.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended by itself meanwhile.
            }

            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(output, errors);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ThumbnailFailedException(ThumbnailOutcome.RenderFailed, $"pdftoppm took longer than {options.Value.RenderTimeout.TotalSeconds:N0} s over the first page and was stopped.");
        }

        await output;
        var said = await errors;
        var png = prefix + ".png";
        if (process.ExitCode != 0 || !File.Exists(png))
        {
            var reason = said.Length > 0 ? said : "no message";
            throw new ThumbnailFailedException(ThumbnailOutcome.RenderFailed, $"pdftoppm could not draw the first page (exit code {process.ExitCode}): {reason}");
        }

        var (width, height) = ReadPngSize(png) ?? throw new ThumbnailFailedException(ThumbnailOutcome.RenderFailed, "pdftoppm wrote something that is not a PNG.");
        if (new FileInfo(png).Length > MaxPngBytes || width <= 0 || height <= 0 || width > options.Value.Width || height > options.Value.Width * MaxHeightRatio)
        {
            throw new ThumbnailFailedException(ThumbnailOutcome.RenderFailed, $"The first page drew as a {width}×{height} picture, too odd a shape or size to show.");
        }

        return new RenderedPage(png, width, height);
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The width and height from a PNG's header, or null when the file is not a PNG.</summary>
    public static (int Width, int Height)? ReadPngSize(string path)
    {
        Span<byte> header = stackalloc byte[24];
        using var file = File.OpenRead(path);
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || !header[..8].SequenceEqual(PngSignature) || !header[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt32BigEndian(header[16..20]), BinaryPrimitives.ReadInt32BigEndian(header[20..24]));
    }

    /// <summary><paramref name="configured"/> when it is a path to a file, else the first match on PATH; null when none.</summary>
    public static string? Find(string configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (configured.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, configured))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Reads a stream to its end (so the process never blocks on a full pipe), keeping only its last words.</summary>
    private static async Task<string> DrainAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > ErrorTail * 4)
            {
                tail.Remove(0, tail.Length - ErrorTail);
            }
        }

        var text = string.Join(' ', tail.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > ErrorTail ? "…" + text[^ErrorTail..] : text;
    }
}
