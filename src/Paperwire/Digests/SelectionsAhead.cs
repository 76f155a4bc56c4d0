using Paperwire.Core.Digests;

namespace Paperwire.Digests;

/// <summary>
/// Chooses the papers of a batch's digests on another thread while the sender sends them, so that choosing
/// (personal picks train a model per reader) overlaps with sending (mostly waiting for the SMTP server). It has a
/// scope of its own, so a DbContext of its own: the sender's stays on the sender's thread with the prepared record
/// statement. One per run, so a period's pools and saved searches are gathered once.
/// </summary>
internal sealed class SelectionsAhead(IServiceScopeFactory scopes) : IAsyncDisposable
{
    private readonly AsyncServiceScope scope = scopes.CreateAsyncScope();
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    /// <summary>
    /// Starts choosing for every row of <paramref name="batch"/>, in order, once the previous batch's choosing has
    /// ended (one thread at a time uses the scope); the i-th task is the i-th row's selection. A failure fails that
    /// row's task and every later one.
    /// </summary>
    public async Task<IReadOnlyList<Task<DigestSelection>>> StartAsync(IReadOnlyList<(DigestSubscription Subscription, PeriodPapers Papers)> batch, CancellationToken cancellationToken)
    {
        await running;
        var results = batch.Select(_ => new TaskCompletionSource<DigestSelection>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        running = Task.Run(
            async () =>
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
                var token = linked.Token;
                var selection = scope.ServiceProvider.GetRequiredService<PaperSelection>();
                try
                {
                    await selection.PrepareAsync(batch.Select(b => b.Subscription), token);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        token.ThrowIfCancellationRequested();
                        results[i].SetResult(await selection.SelectAsync(batch[i].Subscription, batch[i].Papers, token));
                    }
                }
                catch (Exception error)
                {
                    foreach (var result in results)
                    {
                        result.TrySetException(error);
                    }
                }
            },
            CancellationToken.None);
        return [.. results.Select(r => r.Task)];
    }

    /// <summary>Stops the choosing in progress (the sender stopped early, or is done), waits for it, then ends the scope.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await running;
        await scope.DisposeAsync();
        stopping.Dispose();
    }
}
