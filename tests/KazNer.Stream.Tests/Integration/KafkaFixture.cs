using Confluent.Kafka;
using Confluent.Kafka.Admin;
using KazNer.DevBroker;
using Testcontainers.Kafka;

[assembly: AssemblyFixture(typeof(KazNer.Stream.Tests.Integration.KafkaFixture))]

namespace KazNer.Stream.Tests.Integration;

/// <summary>
/// One Kafka-protocol peer for the suite: KAZNER_TEST_KAFKA's cluster, else a Testcontainers broker when a
/// Docker engine is reachable, else librdkafka's in-process mock cluster.
/// </summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    public const string NeedsFaultInjection = "failing the output topic uses the fault injection of librdkafka's mock cluster";

    public const string MockLimitation =
        "librdkafka's mock cluster does not store transactional offsets nor filter aborted records: run it against a real broker with KAZNER_TEST_KAFKA=host:port (or with a Docker engine, for a Testcontainers broker)";

    private const short ProduceApiKey = 0;
    private const int NotEnoughReplicas = 19;
    private const int InvalidRecord = 87;
    private const short EndTxnApiKey = 26;
    private const int UnknownProducerId = 59;

    private MockCluster? mock;
    private KafkaContainer? container;

    public string BootstrapServers { get; private set; } = "";

    public bool IsRealBroker => mock is null;

    /// <summary>
    /// Worker settings this peer needs. The mock holds every rebalance for session.timeout.ms less a second
    /// (44 s by default) before it answers JoinGroup, even when all members have rejoined, and refuses commits
    /// meanwhile; a short session (which a real broker would refuse below 6 s) keeps rebalances to seconds.
    /// </summary>
    public IReadOnlyList<(string Key, string Value)> WorkerSettings => mock is null
        ? []
        : [("Kafka:ConsumerProperties:session.timeout.ms", "2000"), ("Kafka:ConsumerProperties:heartbeat.interval.ms", "200")];

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("KAZNER_TEST_KAFKA") is { Length: > 0 } servers)
        {
            BootstrapServers = servers;
        }
        else if (DockerReachable())
        {
            container = new KafkaBuilder("confluentinc/cp-kafka:7.6.1").Build();
            await container.StartAsync();
            BootstrapServers = container.GetBootstrapAddress();
        }
        else
        {
            mock = new MockCluster();
            BootstrapServers = mock.BootstrapServers;
        }
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task CreateTopicsAsync(int partitions, params string[] topics)
    {
        if (mock is not null)
        {
            foreach (var topic in topics)
            {
                mock.CreateTopic(topic, partitions);
            }

            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync(topics.Select(t => new TopicSpecification { Name = t, NumPartitions = partitions, ReplicationFactor = 1 }));
    }

    /// <summary>
    /// Fails every Produce request, from any client, with NOT_ENOUGH_REPLICAS (retriable) until
    /// <see cref="RestoreProduce"/>. The whole cluster is affected, so tests that use it share a collection.
    /// </summary>
    public void FailProduce() => Mock.FailRequests(ProduceApiKey, NotEnoughReplicas, 100_000);

    public void RestoreProduce() => Mock.ClearRequestErrors(ProduceApiKey);

    /// <summary>Answers the next Produce request, from any client, with INVALID_RECORD: the broker refuses those records for what they are.</summary>
    public void RefuseNextProduce() => Mock.FailRequests(ProduceApiKey, InvalidRecord, 1);

    /// <summary>
    /// Answers the next EndTxn request with UNKNOWN_PRODUCER_ID: the commit fails for none of its records' sake
    /// and the transaction has to be aborted.
    /// </summary>
    public void FailNextTransactionCommit() => Mock.FailRequests(EndTxnApiKey, UnknownProducerId, 1);

    public async ValueTask DisposeAsync()
    {
        mock?.Dispose();
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }

    private MockCluster Mock => mock ?? throw new InvalidOperationException(NeedsFaultInjection);

    private static bool DockerReachable() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");
}
