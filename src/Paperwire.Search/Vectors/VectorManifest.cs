using System.Globalization;

namespace Paperwire.Search.Vectors;

/// <summary>
/// Which files make up a saved <see cref="VectorIndex"/>: its segment graphs and its key table. The manifest is
/// the file at the index's path, replaced in one rename, so readers see either the old set of files or the new.
/// Format: "paperwire-vectors 1", the save number, the key table's file name, then one segment file per line.
/// </summary>
internal sealed record VectorManifest(int Saves, IReadOnlyList<string> SegmentFiles, string KeysFile)
{
    private const string Header = "paperwire-vectors 1";

    /// <summary>The manifest at <paramref name="path"/>; null when nothing was saved there.</summary>
    public static VectorManifest? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var name = Path.GetFileName(path);
        using (var reader = new StreamReader(path))
        {
            var buffer = new char[Header.Length];
            if (reader.ReadBlock(buffer) != Header.Length || new string(buffer) != Header)
            {
                // A single USearch graph with a "key\tid" table beside it, as versions before segments saved.
                return new VectorManifest(0, [name], name + ".ids");
            }
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 3 || !int.TryParse(lines[1], CultureInfo.InvariantCulture, out var saves))
        {
            throw new InvalidDataException($"{path} is not a complete vector index manifest.");
        }

        return new VectorManifest(saves, lines[3..], lines[2]);
    }

    public void Write(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, [Header, Saves.ToString(CultureInfo.InvariantCulture), KeysFile, .. SegmentFiles]);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Deletes the files of earlier saves (same name prefix, not in this manifest).</summary>
    public void DeleteOtherFiles(string folder, string name)
    {
        var kept = SegmentFiles.Append(KeysFile).Append(name).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, name + ".*"))
        {
            if (!kept.Contains(Path.GetFileName(file)))
            {
                File.Delete(file);
            }
        }
    }
}
