using System.Buffers.Binary;

namespace Paperwire.Avatars;

/// <summary>What an accepted upload turned out to be: the media type comes from the bytes, never from the client.</summary>
public sealed record ImageFormat(string ContentType, int Width, int Height);

/// <summary>
/// Checks an uploaded avatar or logo: PNG, JPEG or WebP by their signatures, with the pixel size read from the image
/// header (PNG IHDR, JPEG start-of-frame, WebP VP8/VP8L/VP8X) and the file's own end marker present, within size
/// limits. Anything else — SVG (which can carry script), HTML, text renamed to .png, truncated or junk bytes — is
/// refused with a sentence the uploader can act on. Nothing is decoded here: the bytes are served as stored, under
/// the recognised media type with <c>nosniff</c>, to an <c>img</c> element, so a browser never runs them.
/// </summary>
public static class ImageUpload
{
    public const int MaxBytes = 256 * 1024;

    public const int MinSide = 16;

    public const int MaxSide = 2048;

    public const string Accept = "image/png,image/jpeg,image/webp";

    public const string NotAnImage = "Only PNG, JPEG or WebP images can be uploaded (SVG, GIF and other files are not accepted).";

    /// <summary>The format of <paramref name="bytes"/>, or the reason it is refused.</summary>
    public static (ImageFormat? Format, string? Error) Inspect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return (null, "Choose an image file to upload.");
        }

        if (bytes.Length > MaxBytes)
        {
            return (null, $"The image is larger than {MaxBytes / 1024} KB. Save it smaller: 256×256 pixels is plenty.");
        }

        var format = Png(bytes) ?? Jpeg(bytes) ?? WebP(bytes);
        if (format is null)
        {
            return (null, NotAnImage);
        }

        if (format.Width < MinSide || format.Height < MinSide || format.Width > MaxSide || format.Height > MaxSide)
        {
            return (null, $"The image is {format.Width}×{format.Height} pixels; each side must be from {MinSide} to {MaxSide} pixels.");
        }

        return (format, null);
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> PngEnd => [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    private static ImageFormat? Png(ReadOnlySpan<byte> bytes)
    {
        // Signature, then IHDR first (13 bytes of data), and the IEND chunk last.
        if (bytes.Length < 8 + 25 + 12 || !bytes.StartsWith(PngSignature) || !bytes.EndsWith(PngEnd)
            || BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]) != 13 || !bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]);
        return new ImageFormat("image/png", Side(width), Side(height));
    }

    private static ImageFormat? Jpeg(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF || !EndsWithJpegEnd(bytes))
        {
            return null;
        }

        // Walk the marker segments up to the first start-of-frame, which holds the size.
        var position = 2;
        while (position + 4 <= bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return null;
            }

            var marker = bytes[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0xD9 or 0xDA or (>= 0xD0 and <= 0xD7) or 0x01)
            {
                return null; // scan data or the end before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 2)..]);
            if (length < 2 || position + 2 + length > bytes.Length)
            {
                return null;
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 7)
                {
                    return null;
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 7)..]);
                return new ImageFormat("image/jpeg", width, height);
            }

            position += 2 + length;
        }

        return null;
    }

    /// <summary>JPEG ends with the EOI marker; some writers pad a few zero bytes after it.</summary>
    private static bool EndsWithJpegEnd(ReadOnlySpan<byte> bytes)
    {
        var trimmed = bytes.TrimEnd((byte)0);
        return trimmed.Length >= 2 && trimmed[^2] == 0xFF && trimmed[^1] == 0xD9;
    }

    private static ImageFormat? WebP(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30 || !bytes.StartsWith("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WEBP"u8)
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) + 8L != bytes.Length)
        {
            return null;
        }

        var chunk = bytes.Slice(12, 4);
        var data = bytes[20..];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // A key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
            if (data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A)
            {
                return null;
            }

            return new ImageFormat("image/webp", BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[0] != 0x2F)
            {
                return null;
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
            return new ImageFormat("image/webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            if ((data[0] & 0x02) != 0)
            {
                return null; // animated: an avatar holds still
            }

            var width = data[4] | (data[5] << 8) | (data[6] << 16);
            var height = data[7] | (data[8] << 8) | (data[9] << 16);
            return new ImageFormat("image/webp", width + 1, height + 1);
        }

        return null;
    }

    private static int Side(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;
}

/// <summary>Reads an uploaded form file, never more than one byte past the limit (whatever its declared length).</summary>
public static class UploadedFile
{
    /// <summary>The multipart body a picture form may send: room for the file at its limit plus the form's fields.</summary>
    public const long FormLimit = 4 * ImageUpload.MaxBytes;

    public static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return [];
        }

        await using var stream = file.OpenReadStream();
        var buffer = new byte[ImageUpload.MaxBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        // One byte past the limit is all it takes to refuse the file.
        return buffer[..read];
    }
}
