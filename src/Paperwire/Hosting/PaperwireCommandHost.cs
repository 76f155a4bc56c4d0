namespace Paperwire.Hosting;

/// <summary>A host without a web server, for admin commands that reuse the app's registrations.</summary>
public static class PaperwireCommandHost
{
    public static IHost Create(PaperwireSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddPaperwireApplication(settings);
        return builder.Build();
    }
}
