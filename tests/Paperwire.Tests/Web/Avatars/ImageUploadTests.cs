using Paperwire.Avatars;

namespace Paperwire.Tests.Web.Avatars;

/// <summary>What an avatar or logo upload may be: PNG, JPEG or WebP of a sensible size, and nothing else.</summary>
public class ImageUploadTests
{
    [Fact]
    public void Inspect_Png_ReadsTypeAndSize() =>
        Assert.Equal(new ImageFormat("image/png", 64, 48), ImageUpload.Inspect(TestImages.Png(64, 48)).Format);

    [Fact]
    public void Inspect_Jpeg_ReadsTypeAndSize() =>
        Assert.Equal(new ImageFormat("image/jpeg", 300, 200), ImageUpload.Inspect(TestImages.Jpeg(300, 200)).Format);

    [Fact]
    public void Inspect_WebP_ReadsTypeAndSize() =>
        Assert.Equal(new ImageFormat("image/webp", 128, 96), ImageUpload.Inspect(TestImages.WebP(128, 96)).Format);

    public static TheoryData<string, byte[]> NotImages => new()
    {
        { "svg", TestImages.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>") },
        { "html", TestImages.Text("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>") },
        { "text renamed to .png", TestImages.Text("just some notes, saved as avatar.png") },
        { "gif", TestImages.Text("GIF89a\u0010\u0000\u0010\u0000") },
        { "png signature then html", [.. TestImages.Png(32, 32)[..8], .. TestImages.Text("<html><script>alert(1)</script></html>")] },
        { "truncated png", TestImages.Png(32, 32)[..40] },
        { "jpeg without a frame", [0xFF, 0xD8, 0xFF, 0xD9] },
        { "webp with a wrong length", [.. TestImages.WebP(32, 32), 0, 0] },
        { "random bytes", [.. Enumerable.Range(0, 2000).Select(i => (byte)(i * 37))] },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public void Inspect_AnythingButPngJpegOrWebP_IsRefusedWithTheAcceptedFormats(string kind, byte[] bytes)
    {
        var (format, error) = ImageUpload.Inspect(bytes);
        Assert.True(format is null, kind);
        Assert.Equal(ImageUpload.NotAnImage, error);
    }

    [Fact]
    public void Inspect_Empty_AsksForAFile() =>
        Assert.Equal("Choose an image file to upload.", ImageUpload.Inspect([]).Error);

    [Fact]
    public void Inspect_OverTheByteLimit_SaysTheLimit()
    {
        var large = new byte[ImageUpload.MaxBytes + 1];
        TestImages.Png(32, 32).CopyTo(large, 0);
        Assert.Contains("larger than 256 KB", ImageUpload.Inspect(large).Error);
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(5000, 100)]
    [InlineData(100, 60000)]
    public void Inspect_SidesOutOfRange_SaysTheAllowedRange(int width, int height)
    {
        var (format, error) = ImageUpload.Inspect(TestImages.Jpeg(width, height));
        Assert.Null(format);
        Assert.Contains($"{width}×{height} pixels", error);
        Assert.Contains("from 16 to 2048 pixels", error);
    }

    [Fact]
    public void Inspect_RandomAndMutatedBytes_NeverThrows()
    {
        var random = new Random(13);
        byte[][] seeds = [TestImages.Png(32, 32), TestImages.Jpeg(64, 64), TestImages.WebP(64, 64)];
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (i % 4) switch
            {
                0 => RandomBytes(random, random.Next(0, 200)),
                _ => Mutate(random, seeds[i % seeds.Length]),
            };
            var (format, error) = ImageUpload.Inspect(bytes);
            Assert.True(format is not null ^ error is not null);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A valid image with a few bytes changed and perhaps cut short: the headers' lengths and offsets lie.</summary>
    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToArray();
        for (var changes = random.Next(1, 6); changes > 0; changes--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return random.Next(3) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
    }
}
