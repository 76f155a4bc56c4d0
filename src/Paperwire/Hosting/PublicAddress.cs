namespace Paperwire.Hosting;

/// <summary>
/// The address absolute links start with (feeds, Markdown, paper pages). <c>Paperwire:PublicBaseUrl</c> when the
/// operator set it; otherwise the request's own address, which is right for a server nobody configured yet (the
/// answer is cached per host, so one client's Host header cannot reach another client). Mail never uses the
/// request: it always takes the configured address (see <see cref="Accounts.AccountEmails"/>).
/// </summary>
public sealed class PublicAddress(IConfiguration configuration)
{
    private readonly Uri? configured = configuration["Paperwire:PublicBaseUrl"] is { Length: > 0 } url && Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;

    public Uri BaseFor(HttpRequest request) =>
#pragma warning disable RS0030 // the one place that may read the Host header, for an unconfigured server
        configured ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
#pragma warning restore RS0030
}
