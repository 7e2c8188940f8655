namespace KazNer.Stream.Pipeline;

/// <summary>The first unrecoverable error of any stage; raising it stops the whole pipeline.</summary>
internal sealed class FatalErrorSignal : IDisposable
{
    private readonly CancellationTokenSource raised = new();
    private Exception? error;

    public CancellationToken Token => raised.Token;

    public Exception? Error => Volatile.Read(ref error);

    public void Raise(Exception exception)
    {
        if (Interlocked.CompareExchange(ref error, exception, null) is null)
        {
            raised.Cancel();
        }
    }

    /// <summary>Runs a stage; cancellation ends it quietly, anything else it throws raises this signal.</summary>
    public Task Guard(Func<CancellationToken, Task> stage, CancellationToken cancellationToken) => Task.Run(
        async () =>
        {
            try
            {
                await stage(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Drain timeout or fatal error: the pipeline reports which.
            }
            catch (Exception e)
            {
                Raise(e);
            }
        },
        CancellationToken.None);

    public void Dispose() => raised.Dispose();
}
