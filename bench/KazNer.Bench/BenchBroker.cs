using KazNer.DevBroker;

namespace KazNer.Bench;

/// <summary>
/// The dev broker in process, one broker. An outage is the mock's own: the broker closes every connection
/// and refuses new ones until it is started again. (A TCP forwarder in front of it, used before for the
/// outage, copied every byte through this process, on the cores the worker is measured on.)
/// </summary>
internal sealed class BenchBroker : IDisposable
{
    private const int BrokerId = 1;
    private readonly MockCluster cluster = new();

    public string BootstrapServers => cluster.BootstrapServers;

    public void CreateTopic(string topic, int partitions) => cluster.CreateTopic(topic, partitions);

    public void Start() => cluster.SetBrokerUp(BrokerId);

    public void Stop() => cluster.SetBrokerDown(BrokerId);

    public void Dispose() => cluster.Dispose();
}
