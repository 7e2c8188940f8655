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

    public void Dispose() => raised.Dispose();
}
