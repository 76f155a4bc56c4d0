using System.Globalization;

namespace Paperwire.Backups;

/// <summary>Configuration section <c>Backup</c>: scheduled backups of a SQLite deployment (docs/backup.md).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>When to back up each day, a UTC time of day such as <c>03:30</c>; empty (the default): no scheduled backups.</summary>
    public string? Schedule { get; set; }

    /// <summary>How many scheduled archives to keep; the oldest beyond it are deleted after each new one.</summary>
    public int Keep { get; set; } = 7;

    /// <summary>Where scheduled archives go; the host sets it to <c>DATA/backups</c> unless configured.</summary>
    public string? Directory { get; set; }

    /// <summary>The daily time of <see cref="Schedule"/>; null when off or not a time of day.</summary>
    public TimeOnly? TimeUtc =>
        TimeOnly.TryParseExact(Schedule?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public bool IsScheduled => !string.IsNullOrWhiteSpace(Schedule);
}
