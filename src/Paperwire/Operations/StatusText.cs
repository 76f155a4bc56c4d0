using System.Globalization;

namespace Paperwire.Operations;

/// <summary>How <c>/admin/status</c> writes times, durations, sizes and counts.</summary>
public static class StatusText
{
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Outcome(string outcome) => outcome switch
    {
        Core.Operations.JobOutcome.Succeeded => "Succeeded",
        Core.Operations.JobOutcome.Failed => "Failed",
        _ => outcome,
    };

    public static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}s";

    public static string Duration(TimeSpan value) =>
        value.TotalDays >= 1 ? $"{(int)value.TotalDays} d {value.Hours} h"
        : value.TotalHours >= 1 ? $"{(int)value.TotalHours} h {value.Minutes} min"
        : value.TotalMinutes >= 1 ? $"{(int)value.TotalMinutes} min"
        : $"{Math.Max(0, (int)value.TotalSeconds)} s";

    public static string Bytes(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} bytes" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
