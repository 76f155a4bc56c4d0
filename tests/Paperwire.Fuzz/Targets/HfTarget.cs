using Paperwire.Ingest.HuggingFace;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Fuzz.Targets;

/// <summary><c>import hf FILE|URL</c>: a daily-papers JSON array streamed item by item, each mapped.</summary>
internal static class HfTarget
{
    public static FuzzTarget Create() => new("hf", "Hugging Face daily-papers JSON arrays", Parse, typeof(InvalidInputException));

    private static void Parse(byte[] input) => ParseAsync(input).GetAwaiter().GetResult();

    private static async Task ParseAsync(byte[] input)
    {
        var count = 0;
        await foreach (var item in HfJsonArray.ReadAsync(new MemoryStream(input), "fuzz input", CancellationToken.None))
        {
            _ = HfItemMapper.Map(item, $"item {++count}");
        }
    }
}
