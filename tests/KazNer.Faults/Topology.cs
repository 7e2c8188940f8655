using KazNer.DevBroker;

namespace KazNer.Faults;

/// <summary>
/// One fresh three-broker mock cluster per scenario, with the roles pinned so that a fault can hit one of them:
/// broker 1 leads the input, broker 2 the dead letters and coordinates the group, broker 3 leads the output.
/// </summary>
internal sealed class Topology : IDisposable
{
    public const int Partitions = 3;
    public const int InputBroker = 1;
    public const int CoordinatorBroker = 2;
    public const int OutputBroker = 3;
    public static readonly int[] Brokers = [1, 2, 3];

    private Topology(string scenario)
    {
        Cluster = new MockCluster(Brokers.Length);
        Input = $"{scenario}.news";
        Output = $"{scenario}.news.annotated";
        DeadLetters = $"{scenario}.news.dlq";
        Group = $"{scenario}-workers";
        foreach (var (topic, leader) in new[] { (Input, InputBroker), (Output, OutputBroker), (DeadLetters, CoordinatorBroker) })
        {
            Cluster.CreateTopic(topic, Partitions, Brokers.Length);
            for (var p = 0; p < Partitions; p++)
            {
                Cluster.SetPartitionLeader(topic, p, leader);
            }
        }

        Cluster.SetCoordinator("group", Group, CoordinatorBroker);
    }

    public MockCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    public string Input { get; }

    public string Output { get; }

    public string DeadLetters { get; }

    public string Group { get; }

    public static Topology Create(string scenario) => new(scenario);

    public void Dispose() => Cluster.Dispose();
}
