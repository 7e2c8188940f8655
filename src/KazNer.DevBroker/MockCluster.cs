using System.Runtime.InteropServices;
using System.Text;
using KazNer.DevBroker.Native;

namespace KazNer.DevBroker;

/// <summary>
/// librdkafka's in-process mock cluster: a Kafka-protocol broker for development and tests that keeps
/// everything in memory. Topics are created here because AdminClient.CreateTopics times out against it.
/// </summary>
public sealed class MockCluster : IDisposable
{
    private readonly nint handle;
    private readonly nint cluster;

    public MockCluster(int brokers = 1)
    {
        LibRdKafka.EnsureResolver();
        var error = new byte[512];
        var conf = LibRdKafka.rd_kafka_conf_new();
        // Quiet the mock's own client: it only hosts the cluster.
        _ = LibRdKafka.rd_kafka_conf_set(conf, "log_level", "3", error, (nuint)error.Length);
        handle = LibRdKafka.rd_kafka_new(LibRdKafka.Producer, conf, error, (nuint)error.Length);
        if (handle == 0)
        {
            throw new InvalidOperationException($"rd_kafka_new failed: {Encoding.UTF8.GetString(error).TrimEnd('\0')}");
        }

        cluster = LibRdKafka.rd_kafka_mock_cluster_new(handle, brokers);
        if (cluster == 0)
        {
            LibRdKafka.rd_kafka_destroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        // A real broker waits 3 s for more members before the first rebalance; a dev broker need not.
        LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(cluster))!;
    }

    /// <summary>The address the mock listens on (an ephemeral port).</summary>
    public string BootstrapServers { get; }

    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        var error = LibRdKafka.rd_kafka_mock_topic_create(cluster, topic, partitions, replicationFactor);
        if (error != 0)
        {
            throw new InvalidOperationException($"Creating topic {topic} failed: {Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_err2str(error))}");
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests of one API (e.g. Produce, key 0) with a broker error
    /// code, whichever client sends them, to rehearse a failing cluster.
    /// </summary>
    public void FailRequests(short apiKey, int errorCode, int count) =>
        LibRdKafka.rd_kafka_mock_push_request_errors_array(cluster, apiKey, (nuint)count, [.. Enumerable.Repeat(errorCode, count)]);

    /// <summary>Drops the errors still queued by <see cref="FailRequests"/>.</summary>
    public void ClearRequestErrors(short apiKey) => LibRdKafka.rd_kafka_mock_clear_request_errors(cluster, apiKey);

    /// <summary>Answers the next request of one API sent to one broker with a broker error code.</summary>
    public void FailBrokerRequest(int brokerId, short apiKey, int errorCode) =>
        Check(LibRdKafka.rd_kafka_mock_broker_push_request_error_rtts(cluster, brokerId, apiKey, 1, errorCode, 0), "pushing a request error");

    /// <summary>How many injected errors for one API are still queued on one broker.</summary>
    public int QueuedBrokerErrors(int brokerId, short apiKey)
    {
        Check(LibRdKafka.rd_kafka_mock_broker_error_stack_cnt(cluster, brokerId, apiKey, out var count), "counting queued request errors");
        return (int)count;
    }

    /// <summary>Closes a broker's connections and refuses new ones until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) => LibRdKafka.rd_kafka_mock_broker_set_down(cluster, brokerId);

    public void SetBrokerUp(int brokerId) => LibRdKafka.rd_kafka_mock_broker_set_up(cluster, brokerId);

    /// <summary>Delays every response of a broker by <paramref name="rttMs"/> (0 restores it).</summary>
    public void SetBrokerRtt(int brokerId, int rttMs) => LibRdKafka.rd_kafka_mock_broker_set_rtt(cluster, brokerId, rttMs);

    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(LibRdKafka.rd_kafka_mock_partition_set_leader(cluster, topic, partition, brokerId), $"moving the leader of {topic}/{partition}");

    /// <summary>Pins the coordinator of a group (<paramref name="keyType"/> "group") or transaction ("transaction").</summary>
    public void SetCoordinator(string keyType, string key, int brokerId) =>
        Check(LibRdKafka.rd_kafka_mock_coordinator_set(cluster, keyType, key, brokerId), $"setting the {keyType} coordinator");

    /// <summary>Makes broker 1 advertise another address, e.g. a fixed port forwarded to the mock.</summary>
    public void Advertise(string host, int port) => LibRdKafka.rd_kafka_mock_broker_set_host_port(cluster, 1, host, port);

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"{what} failed: {Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_err2str(error))}");
        }
    }

    public void Dispose()
    {
        LibRdKafka.rd_kafka_mock_cluster_destroy(cluster);
        LibRdKafka.rd_kafka_destroy(handle);
    }
}
