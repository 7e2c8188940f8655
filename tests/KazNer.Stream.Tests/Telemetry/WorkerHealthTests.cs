using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace KazNer.Stream.Tests.Telemetry;

public sealed class WorkerHealthTests
{
    private static readonly TopicPartition P0 = new("news", 0);
    private readonly FakeTimeProvider time = new();
    private readonly PipelineOptions options = new() { BrokerUnreachableSeconds = 60, PartitionStallSeconds = 120 };
    private readonly FlowControl flow;
    private readonly WorkerHealth health;

    public WorkerHealthTests()
    {
        flow = new FlowControl(options);
        health = new WorkerHealth(time, flow, options) { ModelLoaded = true };
        health.Polled();
        health.BrokerReachable();
    }

    [Fact]
    public void Ready_PollingWithABrokerInReach() => Assert.Null(health.NotReadyReason);

    [Fact]
    public void NotReady_NoBrokerReachableForTheThreshold_ReadyAgainOnContact()
    {
        Tick(TimeSpan.FromSeconds(59));
        Assert.Null(health.NotReadyReason);

        Tick(TimeSpan.FromSeconds(2));
        Assert.Contains("no broker reachable", health.NotReadyReason, StringComparison.Ordinal);
        Assert.Null(health.NotLiveReason);

        health.BrokerReachable();
        Assert.Null(health.NotReadyReason);
    }

    [Fact]
    public void NotReadyAndNotLive_LagWithoutProgressWhileConsuming()
    {
        health.Progress(P0, position: 10, lag: 5);
        Tick(TimeSpan.FromSeconds(100));
        health.Progress(P0, position: 10, lag: 7);
        health.BrokerReachable();
        Assert.Null(health.NotReadyReason);

        Tick(TimeSpan.FromSeconds(21));
        health.BrokerReachable();

        Assert.Contains("news [[0]]", health.NotReadyReason, StringComparison.Ordinal);
        Assert.Contains("consuming, yet no progress", health.NotLiveReason, StringComparison.Ordinal);
    }

    [Fact]
    public void NotReadyButLive_LagWithoutProgressWhilePausedOnPurpose()
    {
        flow.SetConsumptionPaused(true);
        health.Progress(P0, position: 10, lag: 5);
        Tick(TimeSpan.FromSeconds(121));
        health.BrokerReachable();

        Assert.NotNull(health.NotReadyReason);
        Assert.Null(health.NotLiveReason);
    }

    [Fact]
    public void Ready_ProgressOrNoLagResetsTheStallClock()
    {
        health.Progress(P0, position: 10, lag: 5);
        Tick(TimeSpan.FromSeconds(100));
        health.Progress(P0, position: 11, lag: 5);
        Tick(TimeSpan.FromSeconds(100));
        health.Progress(P0, position: 11, lag: 0);
        Tick(TimeSpan.FromSeconds(100));
        health.BrokerReachable();

        Assert.Null(health.NotReadyReason);
        Assert.Empty(health.StalledPartitions);
    }

    [Fact]
    public void NotReadyAndNotLive_PipelineStopped()
    {
        health.PipelineStopped("Broker: Message size too large");

        Assert.Contains("pipeline stopped", health.NotReadyReason, StringComparison.Ordinal);
        Assert.Contains("Message size too large", health.NotLiveReason, StringComparison.Ordinal);
    }

    [Fact]
    public void NotLive_PollLoopHangs()
    {
        time.Advance(WorkerHealth.StallLimit + TimeSpan.FromSeconds(1));
        health.BrokerReachable();

        Assert.Equal("consume loop hangs", health.NotLiveReason);
    }

    /// <summary>Time passes with the consume loop polling all along.</summary>
    private void Tick(TimeSpan by)
    {
        for (var left = by; left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(1))
        {
            time.Advance(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            health.Polled();
        }
    }
}
