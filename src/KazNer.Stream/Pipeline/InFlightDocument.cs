using Confluent.Kafka;
using KazNer.Core;
using KazNer.Stream.Records;

namespace KazNer.Stream.Pipeline;

/// <summary>One consumed message on its way through the pipeline; <see cref="InFlightLedger"/> keeps its accounts.</summary>
internal sealed class InFlightDocument(SourceMessage source, long consumedAt)
{
    private readonly Lock gate = new();
    private int remainingSequences;
    private int dropped;

    public SourceMessage Source { get; } = source;

    public TopicPartition Partition => Source.Partition;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when consumed, for end-to-end latency.</summary>
    public long ConsumedAt { get; } = consumedAt;

    public InputDocument? Input { get; private set; }

    public PreparedDocument? Prepared { get; private set; }

    /// <summary>First failure wins; a failed document is dead-lettered once all its sequences are back.</summary>
    public DeadLetterReason? Failure { get; private set; }

    public OutboundUnit? Output { get; set; }

    public bool IsReady => Output is not null;

    /// <summary>Its partition was revoked or lost: later stages skip it.</summary>
    public bool IsDropped => Volatile.Read(ref dropped) == 1;

    public void BeginInference(InputDocument input, PreparedDocument prepared)
    {
        Input = input;
        Prepared = prepared;
        remainingSequences = prepared.Sequences.Count;
    }

    public void Fail(DeadLetterReason reason)
    {
        lock (gate)
        {
            Failure ??= reason;
        }
    }

    /// <returns>True for the last sequence of the document.</returns>
    public bool SequenceDone() => Interlocked.Decrement(ref remainingSequences) == 0;

    public void Drop() => Volatile.Write(ref dropped, 1);
}
