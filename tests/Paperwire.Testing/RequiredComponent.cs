namespace Paperwire.Testing;

/// <summary>
/// A test that needs PostgreSQL, Python's feedparser or Chromium fails in CI when the component is missing
/// (the test command installs them there) and skips loudly on a developer machine.
/// </summary>
public static class RequiredComponent
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(bool available, string component, string howToGetIt)
    {
        if (available)
        {
            return;
        }

        var message = $"{component} is not available: {howToGetIt}";
        if (InCi)
        {
            Assert.Fail($"CI=true and {message}");
        }

        Assert.Skip($"SKIPPED LOCALLY — {message}");
    }
}
