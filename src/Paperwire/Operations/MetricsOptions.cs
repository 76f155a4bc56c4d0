namespace Paperwire.Operations;

/// <summary>
/// Section <c>Metrics</c>: the Prometheus endpoint <c>/metrics</c>. Off unless <see cref="Enabled"/>, and never open to
/// the public listener without a token: with no <see cref="Token"/> it is served only on the management port
/// (<see cref="DefaultPort"/> on loopback unless set); with a token and no port, on the public listener to requests
/// that send <c>Authorization: Bearer TOKEN</c>; with both, on the management port and with the token.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The Prometheus exporter's registered default port.</summary>
    public const int DefaultPort = 9464;

    public const int MinimumTokenLength = 16;

    public bool Enabled { get; set; }

    /// <summary>A management port that only serves <c>/metrics</c> (the public port does not).</summary>
    public int? Port { get; set; }

    /// <summary>Where the management port listens; loopback unless a Prometheus on another machine scrapes it.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>A bearer token scrapes must send (Prometheus: <c>authorization: { credentials: … }</c>).</summary>
    public string? Token { get; set; }

    public bool HasToken => !string.IsNullOrEmpty(Token);

    /// <summary>The port <c>/metrics</c> is served on; null when it is served on the public listener (with the token).</summary>
    public int? ManagementPort => Port ?? (HasToken ? null : DefaultPort);

    /// <summary>The management listener's URL, as Kestrel takes it.</summary>
    public string ManagementUrl(int port) =>
        $"http://{(Address.Contains(':', StringComparison.Ordinal) && !Address.StartsWith('[') ? $"[{Address}]" : Address)}:{port}";

    /// <summary>Why these settings cannot serve, or null.</summary>
    public string? Problem() =>
        !Enabled ? null
        : Token is { } token && token.Length < MinimumTokenLength ? $"Metrics:Token must be at least {MinimumTokenLength} characters (e.g. the output of 'openssl rand -hex 32')."
        : Port is < 1 or > 65535 ? "Metrics:Port must be a TCP port number (1-65535)."
        : null;
}
