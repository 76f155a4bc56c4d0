using System.Buffers.Binary;
using System.Text;

namespace Paperwire.Search.Embeddings;

/// <summary>
/// An append-only file of vectors keyed by a 64-bit text hash: an 8-byte magic, the dimension count,
/// then records of <c>[hash: u64][dims × f16]</c>. Half precision keeps 1M vectors under 800 MB on disk and
/// changes cosine similarities by about 1e-3. A record cut short by a crash is ignored and overwritten.
/// </summary>
public sealed class VectorFile : IDisposable
{
    private static readonly byte[] Magic = "PWVEC001"u8.ToArray();
    private const int HeaderSize = 12;

    private readonly FileStream? stream;
    private readonly Dictionary<ulong, long> offsets = [];
    private readonly Lock gate = new();
    private readonly int recordSize;
    private long end;

    private readonly string? lockPath;

    private VectorFile(FileStream? stream, int dimensions, string? lockPath)
    {
        this.stream = stream;
        this.lockPath = lockPath;
        Dimensions = dimensions;
        recordSize = 8 + (dimensions * 2);
    }

    public int Dimensions { get; }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return offsets.Count;
            }
        }
    }

    /// <summary>Opens (or creates) a vector file for reading and appending.</summary>
    public static VectorFile Open(string path, int dimensions)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Shared with other Paperwire processes on this data folder (a `reindex` beside `serve`); appends take
        // a lock file so their records never interleave.
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 1 << 16);
        var file = new VectorFile(stream, dimensions, path + ".lock");
        using (file.LockAcrossProcesses())
        {
            file.Load();
        }

        return file;
    }

    /// <summary>Reads a whole vector file (such as the vectors shipped for the demo corpora) into memory.</summary>
    public static Dictionary<ulong, float[]> ReadAll(Stream source)
    {
        var header = new byte[HeaderSize];
        source.ReadExactly(header);
        CheckMagic(header);
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        var record = new byte[8 + (dimensions * 2)];
        var vectors = new Dictionary<ulong, float[]>();
        while (source.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) == record.Length)
        {
            vectors[BinaryPrimitives.ReadUInt64LittleEndian(record)] = HalfVectors.Decode(record.AsSpan(8), dimensions);
        }

        return vectors;
    }

    public bool TryGet(ulong hash, out float[] vector)
    {
        long offset;
        lock (gate)
        {
            // Another process on this data folder (a reindex beside serve) may have appended it meanwhile.
            if (!offsets.TryGetValue(hash, out offset) && (ReadRecordsAppendedElsewhere() == 0 || !offsets.TryGetValue(hash, out offset)))
            {
                vector = [];
                return false;
            }
        }

        var buffer = new byte[Dimensions * 2];
        RandomAccess.Read(stream!.SafeFileHandle, buffer, offset);
        vector = HalfVectors.Decode(buffer, Dimensions);
        return true;
    }

    /// <summary>Appends vectors not yet in the file and flushes them to disk.</summary>
    public void Append(IEnumerable<(ulong Hash, float[] Vector)> vectors)
    {
        lock (gate)
        {
            using var crossProcess = LockAcrossProcesses();
            ReadRecordsAppendedElsewhere();
            var buffer = new byte[recordSize];
            stream!.Position = end;
            foreach (var (hash, vector) in vectors)
            {
                if (offsets.ContainsKey(hash))
                {
                    continue;
                }

                BinaryPrimitives.WriteUInt64LittleEndian(buffer, hash);
                HalfVectors.Encode(vector, buffer.AsSpan(8));
                stream.Write(buffer);
                offsets[hash] = end + 8;
                end += recordSize;
            }

            stream.Flush(flushToDisk: true);
        }
    }

    public IEnumerable<(ulong Hash, float[] Vector)> ReadEverything()
    {
        List<ulong> hashes;
        lock (gate)
        {
            hashes = [.. offsets.Keys];
        }

        foreach (var hash in hashes)
        {
            if (TryGet(hash, out var vector))
            {
                yield return (hash, vector);
            }
        }
    }

    private void Load()
    {
        var stream = this.stream!;
        if (stream.Length < HeaderSize)
        {
            var header = new byte[HeaderSize];
            Magic.CopyTo(header, 0);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Dimensions);
            stream.SetLength(0);
            stream.Write(header);
            stream.Flush(flushToDisk: true);
            end = HeaderSize;
            return;
        }

        var existing = new byte[HeaderSize];
        stream.Position = 0;
        stream.ReadExactly(existing);
        CheckMagic(existing);
        if (BinaryPrimitives.ReadInt32LittleEndian(existing.AsSpan(8)) != Dimensions)
        {
            throw new InvalidDataException($"{stream.Name} holds vectors of another size; delete it to re-embed.");
        }

        end = HeaderSize;
        ReadRecordsAppendedElsewhere();
    }

    /// <summary>Indexes records past <see cref="end"/>; a torn record at the very end is left to be overwritten.</summary>
    private int ReadRecordsAppendedElsewhere()
    {
        var hash = new byte[8];
        var length = RandomAccess.GetLength(stream!.SafeFileHandle);
        var read = 0;
        while (end + recordSize <= length)
        {
            RandomAccess.Read(stream.SafeFileHandle, hash, end);
            offsets[BinaryPrimitives.ReadUInt64LittleEndian(hash)] = end + 8;
            end += recordSize;
            read++;
        }

        return read;
    }

    /// <summary>An exclusive lock file; .NET takes an advisory lock for FileShare.None, which other processes honour.</summary>
    private FileStream LockAcrossProcesses()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath!, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static void CheckMagic(ReadOnlySpan<byte> header)
    {
        if (!header[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"Not a Paperwire vector file (expected {Encoding.ASCII.GetString(Magic)}).");
        }
    }

    public void Dispose() => stream?.Dispose();
}
