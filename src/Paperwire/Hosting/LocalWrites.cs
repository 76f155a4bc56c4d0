namespace Paperwire.Hosting;

/// <summary>
/// Counts the state-changing requests (POST, PUT, PATCH, DELETE) this node has finished. Copies of a reader's data
/// kept in memory (their session, their marks) remember the count they were read at and are read again once it moves,
/// so whatever a request changed (a sign-out everywhere, a follow, a password reset) shows on this node at once;
/// other nodes' copies live one poll interval at most.
/// </summary>
public sealed class LocalWrites
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public static IApplicationBuilder UseLocalWrites(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        finally
        {
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method) && !HttpMethods.IsTrace(method))
            {
                context.RequestServices.GetRequiredService<LocalWrites>().Note();
            }
        }
    });

    public void Note() => Interlocked.Increment(ref count);
}
