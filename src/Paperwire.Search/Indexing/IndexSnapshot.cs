using Lucene.Net.Index;
using Paperwire.Search.Vectors;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace Paperwire.Search.Indexing;

/// <summary>
/// A consistent copy of the serving index generation while a server (another process) keeps writing it, for backups.
/// Both indexes write files once under new names and switch over by one small file (Lucene's <c>segments_N</c>, the
/// vector manifest), so the copy reads the state first, then the files the newest commit and manifest name, opening
/// every one of them before copying any. A file deleted in between (a newer commit) makes the attempt start over; one
/// held open survives its deletion. The state is read first, so the copied indexes are at or past it: the restored
/// node replays the changes after it, which is harmless (see <see cref="IndexState"/>).
/// </summary>
public static class IndexSnapshot
{
    private const int Attempts = 20;

    /// <summary>
    /// Copies the serving generation of <paramref name="searchRoot"/> into <paramref name="destination"/> (its own
    /// <c>current</c> and <c>gen-…</c> folder). Returns the generation's name, or null when there is no complete index
    /// to copy (a node then builds one from the database on start).
    /// </summary>
    public static string? CopyServing(string searchRoot, string destination)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var copied = CopyOnce(searchRoot, destination);
                if (copied is null && Directory.Exists(destination))
                {
                    Directory.Delete(destination, recursive: true);
                }

                return copied;
            }
            catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException && attempt < Attempts)
            {
                // A commit or a promotion moved on while the files were opened: start over from the new state.
                if (Directory.Exists(destination))
                {
                    Directory.Delete(destination, recursive: true);
                }

                Thread.Sleep(50 * attempt);
            }
        }
    }

    private static string? CopyOnce(string searchRoot, string destination)
    {
        var pointer = Path.Combine(searchRoot, "current");
        if (!File.Exists(pointer))
        {
            return null;
        }

        var name = File.ReadAllText(pointer).Trim();
        var generation = Path.Combine(searchRoot, name);
        if (name.Length == 0 || name.Contains(Path.DirectorySeparatorChar) || !Directory.Exists(generation))
        {
            return null;
        }

        var target = Path.Combine(destination, name);
        Directory.CreateDirectory(Path.Combine(target, "keyword"));
        var state = Path.Combine(generation, IndexState.FileName);
        if (File.Exists(state))
        {
            File.WriteAllBytes(Path.Combine(target, IndexState.FileName), File.ReadAllBytes(state));
        }

        var opened = new List<(string Relative, FileStream Stream)>();
        try
        {
            if (!OpenKeywordCommit(generation, opened))
            {
                return null;
            }

            OpenVectorFiles(generation, target, opened);
            foreach (var (relative, stream) in opened)
            {
                using var copy = new FileStream(Path.Combine(target, relative), FileMode.CreateNew, FileAccess.Write);
                stream.CopyTo(copy);
            }
        }
        finally
        {
            foreach (var (_, stream) in opened)
            {
                stream.Dispose();
            }
        }

        File.WriteAllText(Path.Combine(destination, "current"), name);
        return name;
    }

    /// <summary>Opens the files of the keyword index's newest commit; false when it has none yet.</summary>
    private static bool OpenKeywordCommit(string generation, List<(string, FileStream)> opened)
    {
        var folder = Path.Combine(generation, "keyword");
        if (!Directory.Exists(folder))
        {
            return false;
        }

        using var directory = FSDirectory.Open(folder);
        var commit = new SegmentInfos();
        try
        {
            commit.Read(directory);
        }
        catch (IndexNotFoundException)
        {
            return false;
        }

        foreach (var file in commit.GetFiles(directory, includeSegmentsFile: true))
        {
            opened.Add((Path.Combine("keyword", file), OpenShared(Path.Combine(folder, file))));
        }

        return true;
    }

    /// <summary>Copies the vector manifest now and opens the files it names.</summary>
    private static void OpenVectorFiles(string generation, string target, List<(string, FileStream)> opened)
    {
        const string Manifest = "vectors.usearch";
        var source = Path.Combine(generation, Manifest);
        if (!File.Exists(source))
        {
            return;
        }

        var copied = Path.Combine(target, Manifest);
        File.WriteAllBytes(copied, File.ReadAllBytes(source));
        var manifest = VectorManifest.Read(copied)!;
        foreach (var file in manifest.SegmentFiles.Append(manifest.KeysFile).Where(f => f != Manifest).Distinct(StringComparer.Ordinal))
        {
            var path = Path.Combine(generation, file);
            // A key table an old version never wrote is simply absent; a segment file never is.
            if (file == manifest.KeysFile && !File.Exists(path))
            {
                continue;
            }

            opened.Add((file, OpenShared(path)));
        }
    }

    private static FileStream OpenShared(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
}
