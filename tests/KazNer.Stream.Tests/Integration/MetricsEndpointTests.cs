using System.Net;
using KazNer.Stream.Tests.Deployment;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Integration;

// Alone, after the parallel collections: every host's IMeterFactory makes its own "KazNer.Stream" meter, and the
// OpenTelemetry SDK merges same-named meters into one stream per instrument, so a pipeline test disposing its meter
// while this worker runs empties this worker's /metrics (open-telemetry/opentelemetry-dotnet#6412). One host per
// process, as in production, is not affected.
[Collection(nameof(MetricsEndpointTests))]
[CollectionDefinition(nameof(MetricsEndpointTests), DisableParallelization = true)]
public sealed class MetricsEndpointTests(KafkaFixture kafka)
{
    private readonly KafkaTestClient client = new(kafka.BootstrapServers);

    [Fact]
    public async Task Metrics_RunningWorker_ExportsEveryDocumentedAndQueriedMetric()
    {
        var topics = await WorkerTopics.CreateAsync(kafka);
        await client.ProduceAsync(topics.Input, [(Samples.News[0].Id, Samples.News[0].Value), ("bad", "{"u8.ToArray())]);
        await using var worker = await RunningWorker.StartAsync(kafka, topics);
        Assert.Single(client.Read(topics.Output, 1));
        Assert.Single(client.Read(topics.DeadLetters, 1));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        // Every name docs/metrics.md promises, and every worker series the Grafana dashboard and the alert rules
        // query, must be on the live endpoint. Lag is sampled once a second, so poll with a deadline.
        var wanted = MonitoringQueries.DocumentedNames(RepositoryFiles.Read("docs/metrics.md"))
            .Concat(MonitoringQueries.All().SelectMany(q => MonitoringQueries.WorkerMetricNames(q.Expr)))
            .ToHashSet(StringComparer.Ordinal);
        IReadOnlySet<string> exported = new HashSet<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            exported = MonitoringQueries.ExportedNames(
                await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken));
            if (wanted.All(name => MonitoringQueries.IsExported(name, exported)))
            {
                break;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, exported));
        Assert.DoesNotContain(wanted, name => !MonitoringQueries.IsExported(name, exported));
    }
}
