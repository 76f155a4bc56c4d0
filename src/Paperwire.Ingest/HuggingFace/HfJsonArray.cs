using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.HuggingFace;

/// <summary>
/// Streams the items of a daily-papers JSON array one at a time, however large the array. Input that is not a
/// JSON array (an object, HTML, a binary file) fails before the first item, so nothing is stored; JSON that
/// breaks off midway fails where it breaks.
/// </summary>
internal static class HfJsonArray
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <param name="describe">The input as a message names it: a file path or a URL.</param>
    public static async IAsyncEnumerable<JsonElement> ReadAsync(Stream stream, string describe, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        try
        {
            await EnsureArrayAsync(reader, describe, cancellationToken);
            await using var items = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(reader, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await MoveNextAsync(items, describe))
            {
                yield return items.Current;
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Looks at the first byte that is not whitespace (or a byte-order mark) without consuming it.</summary>
    private static async Task EnsureArrayAsync(PipeReader reader, string describe, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= Utf8Bom.Length && buffer.Slice(0, Utf8Bom.Length).ToArray().AsSpan().SequenceEqual(Utf8Bom))
            {
                reader.AdvanceTo(buffer.GetPosition(Utf8Bom.Length));
                continue;
            }

            var first = FirstSignificantByte(buffer, out var position);
            if (first is null && !result.IsCompleted)
            {
                // Only whitespace so far: skip it and read on.
                reader.AdvanceTo(buffer.End);
                continue;
            }

            reader.AdvanceTo(position);
            switch (first)
            {
                case (byte)'[':
                    return;
                case null:
                    throw new InvalidInputException($"{describe} is empty: expected a JSON array of daily-papers items.");
                case (byte)'{':
                    throw new InvalidInputException($"{describe} is a JSON object, not a JSON array of daily-papers items (as GET /api/daily_papers answers).");
                default:
                    throw new InvalidInputException($"{describe} is not JSON (binary data or text): expected a JSON array of daily-papers items.");
            }
        }
    }

    private static byte? FirstSignificantByte(ReadOnlySequence<byte> buffer, out SequencePosition position)
    {
        var offset = 0L;
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    position = buffer.GetPosition(offset);
                    return b;
                }

                offset++;
            }
        }

        position = buffer.End;
        return null;
    }

    private static async Task<bool> MoveNextAsync(IAsyncEnumerator<JsonElement> items, string describe)
    {
        try
        {
            return await items.MoveNextAsync();
        }
        catch (JsonException error)
        {
            var at = error.LineNumber is { } line ? $" at line {line + 1}, byte {error.BytePositionInLine + 1}" : "";
            throw new InvalidInputException(
                $"{describe} is not valid JSON{at} ({error.Message.Split(" Path:")[0]}). Batches written before that point stay imported; importing the repaired input again is safe.");
        }
    }
}
