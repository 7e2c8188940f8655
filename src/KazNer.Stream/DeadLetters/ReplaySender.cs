using Confluent.Kafka;

namespace KazNer.Stream.DeadLetters;

/// <summary>
/// Sends replayed records with an idempotent producer (no duplicate from its own retries, order kept per
/// partition) and counts what the broker acknowledged.
/// </summary>
internal sealed class ReplaySender(ProducerConfig config, ReplayTarget target) : IDisposable
{
    private readonly IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler(static (_, log) => ToolLog.Write(log)).Build();
    private int delivered;
    private int failed;
    private string? firstError;

    public int Delivered => Volatile.Read(ref delivered);

    public int Failed => Volatile.Read(ref failed);

    public string? FirstError => firstError;

    public void Send(DeadLetter letter, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var partition = target.For(letter);
        var message = letter.ToReplay();
        while (true)
        {
            try
            {
                producer.Produce(partition, message, OnDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                cancellation.ThrowIfCancellationRequested();
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Waits for every acknowledgement.</summary>
    public void Flush(CancellationToken cancellation) => producer.Flush(cancellation);

    public void Dispose() => producer.Dispose();

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref firstError, report.Error.Reason, null);
            Interlocked.Increment(ref failed);
        }
        else
        {
            Interlocked.Increment(ref delivered);
        }
    }
}
