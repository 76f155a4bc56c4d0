namespace Paperwire.Hosting;

/// <summary>A host without a web server, for admin commands that reuse the app's registrations.</summary>
public static class PaperwireCommandHost
{
    public static IHost Create(PaperwireSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        // Commands print their own one-line errors; EF's connection-failure logs would only repeat them.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.Services.AddPaperwireApplication(settings);
        return builder.Build();
    }
}
