using KazNer.Core.Inference;

namespace KazNer.Core.Tests.Inference;

public sealed class BatchPlannerTests
{
    private static EncodedSequence Sequence(int length) => new(0, 0, new int[length], [1]);

    [Fact]
    public void Plan_MixedLengths_EveryBatchUnderBothCapsAndNothingLost()
    {
        var random = new Random(7);
        var sequences = Enumerable.Range(0, 500).Select(_ => Sequence(random.Next(3, 120))).ToList();
        var policy = new BatchPolicy(MaxTokens: 1000, MaxSequences: 16);

        var batches = BatchPlanner.Plan(sequences, policy);

        Assert.All(batches, b => Assert.True(b.Count <= 16 && b.Count * b.Max(s => s.Length) <= 1000));
        Assert.Equal(sequences.ToHashSet(), batches.SelectMany(b => b).ToHashSet());
    }

    [Fact]
    public void Plan_SortsByLength_PaddingFarBelowArrivalOrder()
    {
        var random = new Random(11);
        var sequences = Enumerable.Range(0, 512).Select(_ => Sequence(random.Next(5, 60))).ToList();
        var policy = new BatchPolicy(MaxTokens: 100_000, MaxSequences: 32);

        var planned = BatchPlanner.Plan(sequences, policy).Average(BatchPlanner.PaddingRatio);
        var arrival = sequences.Chunk(32).Average(b => BatchPlanner.PaddingRatio(b));

        Assert.True(planned < arrival / 5, $"planned {planned:P1}, arrival order {arrival:P1}");
    }

    [Fact]
    public void Plan_SequenceLongerThanTokenCap_RunsAlone()
    {
        var batches = BatchPlanner.Plan([Sequence(10), Sequence(10), Sequence(300)], new BatchPolicy(MaxTokens: 100, MaxSequences: 8));

        Assert.Equal([2, 1], batches.Select(b => b.Count));
    }

    [Fact]
    public void Plan_PaddingCap_CutsTheBatchRatherThanPadPastIt()
    {
        // 10, 10, 10 and 13 in one batch: 52 cells, 43 real, 17 % padding.
        List<EncodedSequence> sequences = [Sequence(10), Sequence(10), Sequence(10), Sequence(13)];

        var capped = BatchPlanner.Plan(sequences, new BatchPolicy(MaxTokens: 1000, MaxSequences: 8, MaxPadding: 0.10));
        var uncapped = BatchPlanner.Plan(sequences, new BatchPolicy(MaxTokens: 1000, MaxSequences: 8, MaxPadding: 1));

        Assert.Equal([3, 1], capped.Select(b => b.Count));
        Assert.Equal([4], uncapped.Select(b => b.Count));
    }

    [Fact]
    public void Plan_MixedLengths_NoBatchOverThePaddingCap()
    {
        var random = new Random(5);
        var sequences = Enumerable.Range(0, 700).Select(_ => Sequence(random.Next(3, 200))).ToList();

        var batches = BatchPlanner.Plan(sequences, new BatchPolicy(MaxTokens: 8192, MaxSequences: 64, MaxPadding: 0.05));

        Assert.All(batches, b => Assert.True(BatchPlanner.PaddingRatio(b) <= 0.05, $"{BatchPlanner.PaddingRatio(b):P1}"));
        Assert.Equal(700, batches.Sum(b => b.Count));
    }

    [Fact]
    public void PaddingRatio_TwoSequences_IsShareOfPaddedCells()
    {
        // Lengths 2 and 4 padded to 4: 8 cells, 6 real.
        Assert.Equal(0.25, BatchPlanner.PaddingRatio([Sequence(2), Sequence(4)]), 10);
    }
}
