using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KazNer.Stream.DevBroker;

namespace KazNer.Bench;

/// <summary>
/// The dev broker in process. Every client reaches it through a forwarder on a fixed port (the broker
/// advertises that port), so stopping the forwarder is a broker outage for all of them.
/// </summary>
internal sealed class BenchBroker : IAsyncDisposable
{
    private readonly MockCluster cluster = new();
    private readonly int port = FreePort();
    private TcpForwarder? forwarder;

    public BenchBroker() => Start();

    public string BootstrapServers => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");

    public void CreateTopic(string topic, int partitions) => cluster.CreateTopic(topic, partitions);

    public void Start()
    {
        var first = cluster.BootstrapServers.Split(',')[0];
        var colon = first.LastIndexOf(':');
        forwarder = new TcpForwarder(port, new DnsEndPoint(first[..colon], int.Parse(first[(colon + 1)..], CultureInfo.InvariantCulture)));
        forwarder.Start();
        cluster.Advertise("127.0.0.1", port);
    }

    /// <summary>Closes every connection and refuses new ones until <see cref="Start"/>.</summary>
    public async Task StopAsync()
    {
        if (forwarder is not null)
        {
            await forwarder.DisposeAsync().ConfigureAwait(false);
            forwarder = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        cluster.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
