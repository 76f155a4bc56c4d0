using System.Globalization;

namespace Paperwire.Bench.Search.Measurement;

/// <summary>
/// Prints results as Markdown tables and target checks as <c>TARGET</c> lines, which bench/search.sh collects
/// into its summary and its exit status.
/// </summary>
internal static class Report
{
    public static void Table(string title, string[] header, IEnumerable<string[]> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"#### {title}");
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }

        Console.WriteLine();
    }

    public static bool Target(string what, double measured, string unit, double limit, bool atMost)
    {
        var met = atMost ? measured <= limit : measured >= limit;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TARGET | {what} | {Format(measured)} {unit} | {(atMost ? "<=" : ">=")} {Format(limit)} {unit} | {(met ? "PASS" : "FAIL")}"));
        return met;
    }

    public static string Ms(double value) => value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    public static string Format(double value) =>
        value.ToString(Math.Abs(value) < 10 ? "0.###" : "#,0.#", CultureInfo.InvariantCulture);
}
