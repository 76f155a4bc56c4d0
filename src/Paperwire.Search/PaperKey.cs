using System.IO.Hashing;
using System.Text;

namespace Paperwire.Search;

/// <summary>
/// The 64-bit number a paper is known by in the vector index (USearch keys are integers). A hash of the
/// paper id: stable across nodes and rebuilds, and collisions are negligible (about 3e-8 at a million papers).
/// </summary>
public static class PaperKey
{
    public static ulong For(string paperId) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(paperId));

    public static string Text(ulong key) => key.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
