using System.Data.Common;

namespace Paperwire.Cli;

/// <summary>Turns the failures an operator can fix into one clear line and a non-zero exit code.</summary>
public static class CliErrors
{
    /// <summary>Runs <paramref name="resolve"/>; on bad arguments prints the reason and returns null.</summary>
    public static T? Guard<T>(Func<T> resolve)
        where T : class
    {
        try
        {
            return resolve();
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine($"error: {error.Message.Split(" (Parameter")[0]}");
            return null;
        }
    }

    /// <summary>A mistake in the command line or the configuration: one line on stderr, exit code 2.</summary>
    public static int Usage(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }

    public static async Task<int> RunAsync(Func<Task> action)
    {
        try
        {
            await action();
            return 0;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException error)
        {
            // A setting no value of which works (e.g. an unknown Search:EmbeddingModel): the operator fixes the configuration.
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        catch (Exception error) when (error is DbException or Digests.SmtpUnavailableException or InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Console.Error.WriteLine($"error: {Describe(error)}");
            return 1;
        }
    }

    private static string Describe(Exception error) =>
        error.InnerException is { } inner && error is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException ? $"{error.Message} {inner.Message}" : error.Message;
}
