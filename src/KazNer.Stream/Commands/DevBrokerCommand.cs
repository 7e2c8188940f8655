using System.CommandLine;
using System.Globalization;
using System.Net;
using KazNer.DevBroker;

namespace KazNer.Stream.Commands;

/// <summary><c>kazner dev-broker</c>: librdkafka's mock cluster in the foreground, for trying the worker without Kafka.</summary>
internal static class DevBrokerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0: an ephemeral one)", DefaultValueFactory = _ => 9092 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of each created topic", DefaultValueFactory = _ => 3 };
        var topics = new Option<string[]>("--topic") { Description = "Topics to create (repeatable)", DefaultValueFactory = _ => ["news", "news.annotated", "news.dlq"] };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError($"--port must be in 0..65535, not {r.GetValueOrDefault<int>()}");
            }
        });
        partitions.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                r.AddError($"--partitions must be in 1..10000, not {r.GetValueOrDefault<int>()}");
            }
        });
        var command = new Command("dev-broker", "Run a development Kafka broker in memory (librdkafka's mock cluster) until Ctrl+C") { port, partitions, topics };
        command.SetAction(async (result, cancellation) =>
        {
            using var cluster = new MockCluster();
            foreach (var topic in result.GetValue(topics)!)
            {
                cluster.CreateTopic(topic, result.GetValue(partitions));
            }

            await using var forwarder = Listen(cluster, result.GetValue(port), out var bootstrap);
            Console.WriteLine("kazner dev-broker: a DEVELOPMENT broker (librdkafka mock cluster). It keeps data in memory only; everything is lost when it stops.");
            Console.WriteLine($"bootstrap servers: {bootstrap}");
            Console.WriteLine($"topics: {string.Join(", ", result.GetValue(topics)!)} ({result.GetValue(partitions)} partitions each)");
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("dev-broker stopped.");
            }

            return 0;
        });
        return command;
    }

    private static TcpForwarder? Listen(MockCluster cluster, int port, out string bootstrap)
    {
        bootstrap = cluster.BootstrapServers;
        if (port == 0)
        {
            return null;
        }

        var first = bootstrap.Split(',')[0];
        var colon = first.LastIndexOf(':');
        var target = new DnsEndPoint(first[..colon], int.Parse(first[(colon + 1)..], CultureInfo.InvariantCulture));
        var forwarder = new TcpForwarder(port, target);
        forwarder.Start();
        cluster.Advertise("127.0.0.1", port);
        bootstrap = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        return forwarder;
    }
}
