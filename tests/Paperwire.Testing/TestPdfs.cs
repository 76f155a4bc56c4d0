using System.Globalization;
using System.Text;

namespace Paperwire.Testing;

/// <summary>Small PDFs written byte by byte (cross-reference offsets included), for the thumbnail tests.</summary>
public static class TestPdfs
{
    /// <summary>
    /// A one-page US-letter PDF with a blue band and grey "text" lines drawn as rectangles (no fonts, so it draws the
    /// same on any machine): pdftoppm draws it as a 400×518 picture. Another page size in points (72 to the inch) makes
    /// a hostile shape, such as a page thousands of times taller than wide.
    /// </summary>
    public static byte[] Page(int width = 612, int height = 792)
    {
        const string content = "0.11 0.31 0.85 rg 72 612 468 108 re f 0.2 0.2 0.2 rg 72 560 300 18 re f 72 530 420 10 re f 72 510 420 10 re f";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R /Resources << >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>Starts as a PDF, then is garbage with NUL bytes in it: pdftoppm finds no page and fails.</summary>
    public static byte[] Corrupt() =>
        [.. Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n"), .. Enumerable.Repeat("\0garbage"u8.ToArray(), 50).SelectMany(b => b)];

    /// <summary>A PDF signature followed by <paramref name="bytes"/> of filler: larger than any cap a test sets.</summary>
    public static byte[] Enormous(int bytes) => [.. "%PDF-1.7\n%"u8, .. Enumerable.Repeat((byte)'x', bytes)];
}
