using System.Diagnostics;

namespace Paperwire.Tests.Digests;

/// <summary>What the mail server sees of a digest run: one connection for all messages, and no faster than the throttle.</summary>
public class SmtpSessionTests
{
    [Fact]
    public async Task A_run_delivers_every_digest_over_one_connection()
    {
        await using var server = new ScriptedSmtpServer();
        await using var app = await StartAsync(server, messagesPerSecond: 0);
        var readers = Enumerable.Range(0, 5).Select(_ => SmtpSink.NewAddress("reuse")).ToArray();
        foreach (var reader in readers)
        {
            await app.AddActiveSubscriberAsync(reader);
        }

        Assert.Equal(5, (await app.RunAsync()).Sent);

        Assert.Equal(readers.Order(StringComparer.Ordinal), server.Delivered.Order(StringComparer.Ordinal));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task The_throttle_spaces_messages_out()
    {
        await using var server = new ScriptedSmtpServer();
        await using var app = await StartAsync(server, messagesPerSecond: 10);
        for (var i = 0; i < 6; i++)
        {
            await app.AddActiveSubscriberAsync(SmtpSink.NewAddress("paced"));
        }

        var started = Stopwatch.GetTimestamp();
        Assert.Equal(6, (await app.RunAsync()).Sent);

        // Six messages at ten a second: the sixth cannot leave before half a second has passed.
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.5), $"took {Stopwatch.GetElapsedTime(started)}");
        Assert.Equal(6, server.Delivered.Count);
    }

    private static async Task<TestApp> StartAsync(ScriptedSmtpServer server, double messagesPerSecond)
    {
        var settings = server.Settings();
        settings["Digests:Smtp:MessagesPerSecond"] = messagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var app = await TestApp.StartAsync(settings: settings);
        await app.AddPeriodPapersAsync(3);
        return app;
    }
}
