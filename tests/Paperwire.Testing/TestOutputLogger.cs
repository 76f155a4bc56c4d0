using Microsoft.Extensions.Logging;

namespace Paperwire.Testing;

/// <summary>Writes log entries to the running test's output, so a failing test shows what the code logged.</summary>
public sealed class TestOutputLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception)}");
}
