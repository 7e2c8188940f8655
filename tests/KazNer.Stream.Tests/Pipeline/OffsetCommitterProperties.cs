using Confluent.Kafka;
using CsCheck;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazNer.Stream.Tests.Pipeline;

/// <summary>
/// Random interleavings of what happens to consumed records (annotations, dead letters refused and retried,
/// produce failures, transactions committed and aborted, revocations, losses, timer ticks) against the offset
/// committer, checking at every commit that no position passes a record without a durable outcome.
/// </summary>
public sealed class OffsetCommitterProperties
{
    private const string Topic = "news";

    private static readonly Gen<(int Kind, int Partition, int Pick)[]> Steps =
        Gen.Select(Gen.Int[0, 8], Gen.Int[0, 1], Gen.Int[0, 15]).Array[1, 120];

    [Fact]
    public void AtLeastOnce_NoCommitPassesARecordWithoutItsOutcome() =>
        Steps.Sample(steps => Run(transactional: false, steps), iter: 3_000);

    [Fact]
    public void ExactlyOnce_NoTransactionCarriesAPositionPastARecordWithoutItsOutcome() =>
        Steps.Sample(steps => Run(transactional: true, steps), iter: 3_000);

    [Fact]
    public void ExactlyOnce_ALaterRecordInTheTransaction_DoesNotCarryThePositionPastAWaitingDeadLetter()
    {
        using var model = new Model(transactional: true);
        // Record 0's dead letter is refused and waits to be retried while record 1's annotation is in the open
        // transaction: the transaction may commit record 1's output, but not the position past record 0.
        model.Run([(0, 0, 0), (0, 0, 0), (1, 0, 0), (2, 0, 0), (1, 0, 0), (3, 0, 0)]);
        Assert.Null(model.Committed(0));
    }

    private static void Run(bool transactional, (int Kind, int Partition, int Pick)[] steps)
    {
        using var model = new Model(transactional);
        model.Run(steps);
    }

    /// <summary>
    /// Step kinds: 0 consume; 1 an outcome is handed to the sink (at-least-once: delivered; exactly-once: into the
    /// open transaction); 2 the sink refuses it (dead letter retried later, produce failure); 3 timer tick (commit);
    /// 4 transaction aborted (exactly-once); 5 revoke (commit, then forget); 6 lose (forget); 7, 8 consume.
    /// </summary>
    private sealed class Model(bool transactional) : IDisposable
    {
        private readonly InMemorySource source = new(Topic, 2);
        private readonly OffsetCommitter offsets = new(new InFlightLedger(new FlowControl(new PipelineOptions())), NullLogger<OffsetCommitter>.Instance);
        private readonly List<InFlightDocument>[] waiting = [[], []];
        private readonly List<InFlightDocument> staged = [];
        private readonly HashSet<long>[] durable = [[], []];
        private readonly long[] next = new long[2];
        private readonly long[] committed = new long[2];

        public void Dispose() => source.Dispose();

        public long? Committed(int partition) => offsets.Ledger.Committed(Partition(partition));

        public void Run(IEnumerable<(int Kind, int Partition, int Pick)> steps)
        {
            foreach (var (kind, partition, pick) in steps)
            {
                switch (kind)
                {
                    case 0 or 7 or 8:
                        Consume(partition);
                        break;
                    case 1 when Pick(waiting[partition], pick) is { } document:
                        HandOver(document);
                        break;
                    case 2 when transactional && Pick(staged, pick) is { } refused:
                        staged.Remove(refused);
                        waiting[refused.Partition.Partition.Value].Add(refused);
                        break;
                    case 3:
                        Commit();
                        break;
                    case 4 when transactional:
                        staged.ForEach(d => waiting[d.Partition.Partition.Value].Add(d));
                        staged.Clear();
                        break;
                    case 5:
                        Commit();
                        Forget(partition);
                        break;
                    case 6:
                        Forget(partition);
                        break;
                }
            }

            Commit();
        }

        private static TopicPartition Partition(int partition) => new(Topic, partition);

        private static InFlightDocument? Pick(List<InFlightDocument> documents, int pick) =>
            documents.Count == 0 ? null : documents[pick % documents.Count];

        private void Consume(int partition)
        {
            var message = new SourceMessage(new TopicPartitionOffset(Partition(partition), next[partition]++), null, [1], [], DateTimeOffset.UnixEpoch);
            var document = new InFlightDocument(message, 0);
            offsets.Ledger.Admit(document);
            waiting[partition].Add(document);
        }

        private void HandOver(InFlightDocument document)
        {
            waiting[document.Partition.Partition.Value].Remove(document);
            if (transactional)
            {
                staged.Add(document);
            }
            else
            {
                Deliver(document);
            }
        }

        private void Deliver(InFlightDocument document)
        {
            durable[document.Partition.Partition.Value].Add(document.Source.Offset);
            offsets.Ledger.Acknowledge(document);
        }

        private void Commit()
        {
            if (transactional)
            {
                var positions = offsets.PositionsWith([.. staged.Select(d => d.Source.Position)]);
                staged.ForEach(d => durable[d.Partition.Partition.Value].Add(d.Source.Offset));
                Committing(positions);
                offsets.Committed(positions);
                staged.ForEach(d => offsets.Ledger.Acknowledge(d));
                staged.Clear();
            }
            else
            {
                var before = source.Committed.ToDictionary();
                offsets.CommitByConsumer(source, only: null);
                Committing([.. source.Committed.Where(c => !before.TryGetValue(c.Key, out var was) || was != c.Value)
                    .Select(c => new TopicPartitionOffset(c.Key, c.Value))]);
            }
        }

        /// <summary>Revoked or lost: in flight is dropped, and the next owner reads again from the committed position.</summary>
        private void Forget(int partition)
        {
            offsets.Forget([Partition(partition)]);
            waiting[partition].Clear();
            staged.RemoveAll(d => d.Partition.Partition.Value == partition);
            next[partition] = committed[partition];
        }

        private void Committing(IReadOnlyList<TopicPartitionOffset> positions)
        {
            foreach (var position in positions)
            {
                var partition = position.Partition.Value;
                committed[partition] = position.Offset.Value;
                for (var offset = 0L; offset < position.Offset.Value; offset++)
                {
                    Assert.True(durable[partition].Contains(offset), $"position {position.Offset.Value} of partition {partition} passes offset {offset}, which has no durable outcome");
                }
            }
        }
    }
}
