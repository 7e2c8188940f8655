using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;

namespace KazNer.Stream.Tests.Pipeline;

public sealed class InFlightLedgerTests
{
    private static readonly TopicPartition P0 = new("news", 0);
    private static readonly TopicPartition P1 = new("news", 1);

    private readonly FlowControl flow = new(new PipelineOptions());
    private readonly InFlightLedger ledger;

    public InFlightLedgerTests() => ledger = new InFlightLedger(flow);

    [Fact]
    public void Acknowledge_OutOfOrder_CommitsOnlyTheUnbrokenRun()
    {
        var documents = Admit(P0, 0, 1, 2, 3);

        ledger.Acknowledge(documents[1]);
        ledger.Acknowledge(documents[3]);
        Assert.Empty(ledger.Uncommitted());

        ledger.Acknowledge(documents[0]);
        Assert.Equal(2, ledger.Uncommitted().Single().Offset.Value);

        ledger.Acknowledge(documents[2]);
        Assert.Equal(4, ledger.Uncommitted().Single().Offset.Value);
    }

    [Fact]
    public void Acknowledge_Twice_ReleasesTheBudgetOnce()
    {
        var documents = Admit(P0, 0, 1);
        Assert.Equal(2, flow.Documents);

        Assert.True(ledger.Acknowledge(documents[0]));
        Assert.False(ledger.Acknowledge(documents[0]));

        Assert.Equal(1, flow.Documents);
        Assert.Equal(documents[1].Source.Bytes, flow.Bytes);
    }

    [Fact]
    public void Drop_ReleasesWhatIsInFlightOnce_AndALateAcknowledgementIsIgnored()
    {
        var dropped = Admit(P0, 0, 1, 2);
        var kept = Admit(P1, 0);
        ledger.Acknowledge(dropped[0]);

        Assert.Equal(2, ledger.Drop([P0]));

        Assert.All(dropped.Skip(1), d => Assert.True(d.IsDropped));
        Assert.False(kept[0].IsDropped);
        Assert.Equal(1, flow.Documents);
        Assert.False(ledger.Acknowledge(dropped[2]));
        Assert.Equal(1, flow.Documents);
        Assert.Null(ledger.LastConsumed(P0));
    }

    [Fact]
    public void Acknowledge_OfARecordFromAnEarlierAssignment_DoesNotDeliverItsConsumedAgainTwin()
    {
        var first = Admit(P0, 0);
        ledger.Drop([P0]);
        var again = Admit(P0, 0);

        Assert.False(ledger.Acknowledge(first[0]));

        Assert.Empty(ledger.Uncommitted());
        Assert.Equal(1, ledger.InFlight());
        Assert.True(ledger.Acknowledge(again[0]));
        Assert.Equal(1, ledger.Uncommitted().Single().Offset.Value);
    }

    [Fact]
    public void Uncommitted_AfterMarkCommitted_ListsOnlyPartitionsThatMoved()
    {
        var p0 = Admit(P0, 0);
        var p1 = Admit(P1, 0, 1);
        ledger.Acknowledge(p0[0]);
        ledger.Acknowledge(p1[0]);
        ledger.MarkCommitted(ledger.Uncommitted());

        ledger.Acknowledge(p1[1]);

        Assert.Equal([new TopicPartitionOffset(P1, 2)], ledger.Uncommitted());
    }

    [Fact]
    public async Task WaitForDelivery_ReturnsOnceThePartitionHasNothingInFlight()
    {
        var documents = Admit(P0, 0);
        Admit(P1, 0);
        var waiting = Task.Run(() => ledger.WaitForDelivery([P0], TimeSpan.FromSeconds(30)), TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        ledger.Acknowledge(documents[0]);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.False(ledger.WaitForDelivery([P1], TimeSpan.FromMilliseconds(20)));
    }

    private List<InFlightDocument> Admit(TopicPartition partition, params long[] offsets)
    {
        var documents = offsets.Select(o => new InFlightDocument(
            new SourceMessage(new TopicPartitionOffset(partition, o), null, new byte[10 + o], [], DateTimeOffset.UnixEpoch), 0)).ToList();
        documents.ForEach(ledger.Admit);
        return documents;
    }
}
