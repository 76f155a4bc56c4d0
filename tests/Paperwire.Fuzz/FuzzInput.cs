using System.Text;

namespace Paperwire.Fuzz;

/// <summary>How the targets that read text turn fuzzer bytes into a string.</summary>
internal static class FuzzInput
{
    /// <summary>
    /// UTF-8 (invalid bytes become U+FFFD, as ASP.NET decodes a form). A first byte 0xFF means "the rest is
    /// UTF-16": the only way to reach lone surrogates, which JSON bodies can carry as <c>\uD800</c>.
    /// </summary>
    public static string Text(byte[] input) =>
        input is [0xFF, .. var rest] ? Encoding.Unicode.GetString(rest) : Encoding.UTF8.GetString(input);
}
