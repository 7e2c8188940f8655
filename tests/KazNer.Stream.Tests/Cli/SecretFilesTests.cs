using KazNer.Stream.Hosting;

namespace KazNer.Stream.Tests.Cli;

/// <summary>
/// Credentials from a mounted Secret: one file per key, named as the Helm chart names them, read by the real
/// executable from the folder <see cref="WorkerApplication.SecretsDirectoryVariable"/> points at.
/// </summary>
public sealed class SecretFilesTests : IDisposable
{
    private const string Topics = "--bootstrap-servers=127.0.0.1:1 --input-topic=news --output-topic=news.annotated";

    private readonly DirectoryInfo secrets = Directory.CreateTempSubdirectory("kazner-secrets");

    [Fact]
    public async Task Run_LibrdkafkaKeyInASecretFile_ReachesLibrdkafka()
    {
        // A dotted librdkafka key, as the chart mounts sasl.oauthbearer.client.secret and ssl.key.password.
        await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Kafka__Properties__no.such.property"), "1", TestContext.Current.CancellationToken);

        var result = await RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kazner: configuration: Kafka: librdkafka refused the configuration: No such configuration property: \"no.such.property\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SecretFileEndingInANewline_GivesTheValueWithoutIt()
    {
        // `kubectl create secret --from-file` keeps the file's final newline; a password must not.
        await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Kafka__SaslMechanism"), "Bogus\n", TestContext.Current.CancellationToken);

        var result = await RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SaslMechanism 'Bogus' is not one of", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoSecretsFolder_StartsFromTheOtherSources()
    {
        secrets.Delete();

        var result = await RunAsync("--Kafka:Properties:no.such.property=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No such configuration property: \"no.such.property\"", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(secrets.Name, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dlq_SecretFile_IsReadAsRunReadsIt()
    {
        // The tools take run's sources: a credential mounted for the worker reaches `kazner dlq` and `kazner top`.
        await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Kafka__SaslMechanism"), "Bogus", TestContext.Current.CancellationToken);

        var result = await KaznerProcess.RunAsync(
            null, new Dictionary<string, string> { [WorkerApplication.SecretsDirectoryVariable] = secrets.FullName }, ["dlq", "stats", "--bootstrap-servers=127.0.0.1:1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SaslMechanism 'Bogus' is not one of", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (secrets.Exists)
        {
            secrets.Delete(recursive: true);
        }
    }

    private Task<KaznerProcess.Result> RunAsync(params string[] extra) => KaznerProcess.RunAsync(
        null,
        new Dictionary<string, string> { [WorkerApplication.SecretsDirectoryVariable] = secrets.FullName },
        ["run", .. Topics.Split(' '), .. extra]);
}
