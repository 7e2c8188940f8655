using System.Threading.Channels;
using Confluent.Kafka;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Releases finished documents for publishing in the order they were consumed, per partition, however the
/// batches interleaved them; documents of revoked or lost partitions are dropped instead.
/// </summary>
internal sealed class DocumentOrderer(ChannelWriter<InFlightDocument> released)
{
    private readonly Dictionary<TopicPartition, Queue<InFlightDocument>> queues = [];
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return queues.Values.Sum(q => q.Count);
            }
        }
    }

    public void Track(InFlightDocument document)
    {
        lock (gate)
        {
            if (!queues.TryGetValue(document.Partition, out var queue))
            {
                queue = new Queue<InFlightDocument>();
                queues.Add(document.Partition, queue);
            }

            queue.Enqueue(document);
        }
    }

    /// <summary>Called once the document's output (annotation or dead letter) is set.</summary>
    public void Completed(InFlightDocument document)
    {
        lock (gate)
        {
            if (document.IsDropped || !queues.TryGetValue(document.Partition, out var queue))
            {
                return;
            }

            while (queue.TryPeek(out var head) && head.IsReady)
            {
                // Unbounded, because FlowControl already bounds what is in flight.
                released.TryWrite(queue.Dequeue());
            }
        }
    }

    /// <summary>Forgets the queues of revoked or lost partitions; the ledger releases their documents.</summary>
    public void Drop(IEnumerable<TopicPartition> partitions)
    {
        lock (gate)
        {
            foreach (var partition in partitions)
            {
                queues.Remove(partition);
            }
        }
    }

    public void Complete() => released.TryComplete();
}
