using System.Text.RegularExpressions;
using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Hosting;
using KazNer.Stream.Kafka;

namespace KazNer.Stream.Tests.Deployment;

/// <summary>
/// The chart's credential and client-certificate mounts and its KEDA default, read from the templates as text (no
/// helm binary is installable from the package mirrors CI reaches).
/// </summary>
public sealed partial class HelmChartSecurityAndScalingTests
{
    [Fact]
    public void ClientCertificate_IsMountedFromTheSecret_WhereLibrdkafkaIsToldToReadIt()
    {
        var chart = HelmChart.Load();
        var template = chart.DeploymentTemplate;

        var mount = Assert.Single(VolumeMountPath().Matches(template), m => m.Groups["name"].Value == "kafka-client").Groups["path"].Value;
        Assert.Equal("/etc/kazner/kafka-client", mount);
        Assert.Contains($"KAZNER_Kafka__Properties__ssl.certificate.location\n              value: {mount}/{{{{ $.Values.kafka.tls.clientCertKey }}}}", template, StringComparison.Ordinal);
        Assert.Contains($"KAZNER_Kafka__Properties__ssl.key.location\n              value: {mount}/{{{{ $.Values.kafka.tls.clientKeyKey }}}}", template, StringComparison.Ordinal);
        Assert.Contains("secretName: {{ . }}", template[template.IndexOf("- name: kafka-client\n          secret:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Equal("tls.crt", chart.Scalar("kafka.tls.clientCertKey"));
        Assert.Equal("tls.key", chart.Scalar("kafka.tls.clientKeyKey"));
        Assert.Null(chart.Scalar("kafka.tls.clientCertSecret"));
    }

    [Fact]
    public void ClientKeyPassword_IsASecretFile_NotAVariable()
    {
        var chart = HelmChart.Load();

        Assert.Contains("Kafka:Properties:ssl.key.password", chart.SecretFileKeys());
        Assert.DoesNotContain(chart.EnvVars(), v => v.ConfigurationKey == "Kafka:Properties:ssl.key.password");
    }

    [Fact]
    public void SecretFiles_AreMountedWhereTheWorkerReadsThem()
    {
        var template = HelmChart.Load().DeploymentTemplate;

        var mount = Assert.Single(VolumeMountPath().Matches(template), m => m.Groups["name"].Value == "kafka-secrets").Groups["path"].Value;
        Assert.Equal(WorkerApplication.DefaultSecretsDirectory, mount);
        Assert.Contains("- name: kafka-secrets\n          projected:", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Oidc_TheSettingsTheChartGives_AreAcceptedByLibrdkafka()
    {
        // The variable names the template sets plus the files it mounts, with the values an install would give.
        var chart = HelmChart.Load();
        var oidc = chart.EnvVars().Select(v => v.ConfigurationKey)
            .Concat(chart.SecretFileKeys())
            .Where(key => key.StartsWith("Kafka:Properties:sasl.oauthbearer.", StringComparison.Ordinal))
            .ToDictionary(key => key["Kafka:Properties:".Length..], _ => "kazner");
        oidc["sasl.oauthbearer.method"] = "oidc";
        oidc["sasl.oauthbearer.token.endpoint.url"] = "https://idp.example.com/oauth2/token";
        oidc["sasl.oauthbearer.extensions"] = "logicalCluster=lkc-1";
        var options = new KafkaOptions { BootstrapServers = "127.0.0.1:1", GroupId = "g", SecurityProtocol = "SaslSsl", SaslMechanism = "OAuthBearer" };
        foreach (var (key, value) in oidc)
        {
            options.Properties[key] = value;
        }

        // Built means accepted; its token requests to the made-up endpoint fail in the background, unlogged.
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(options)).SetLogHandler((_, _) => { }).Build();

        Assert.Equal(
            ["sasl.oauthbearer.client.id", "sasl.oauthbearer.client.secret", "sasl.oauthbearer.extensions", "sasl.oauthbearer.method",
             "sasl.oauthbearer.scope", "sasl.oauthbearer.token.endpoint.url"],
            oidc.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("method\" \"oidc\")", chart.DeploymentTemplate, StringComparison.Ordinal);
    }

    [Fact]
    public void Keda_ScalesWithTheSameCertificateAsTheWorker()
    {
        var scaledObject = RepositoryFiles.Read("helm/kazner-stream/templates/scaledobject.yaml");

        Assert.Contains("- parameter: cert", scaledObject, StringComparison.Ordinal);
        Assert.Contains("- parameter: key", scaledObject, StringComparison.Ordinal);
        Assert.Contains("$kafka.tls.clientCertSecret", scaledObject[..scaledObject.IndexOf("kind: TriggerAuthentication", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void Keda_IsOnlyUsedWhereTheClusterServesItsApi_ByDefault()
    {
        var chart = HelmChart.Load();
        var helpers = RepositoryFiles.Read("helm/kazner-stream/templates/_helpers.tpl");
        var scaledObject = RepositoryFiles.Read("helm/kazner-stream/templates/scaledobject.yaml");
        var hpa = RepositoryFiles.Read("helm/kazner-stream/templates/hpa.yaml");

        Assert.Equal("auto", chart.Scalar("autoscaling.keda.enabled"));
        var rule = helpers[helpers.IndexOf("define \"kazner-stream.keda\"", StringComparison.Ordinal)..];
        Assert.Contains("(eq $keda \"auto\") (.Capabilities.APIVersions.Has \"keda.sh/v1alpha1\")", rule[..rule.IndexOf("end }}", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.StartsWith("{{- if include \"kazner-stream.keda\" . }}", scaledObject, StringComparison.Ordinal);
        Assert.StartsWith("{{- if and .Values.autoscaling.enabled (not (include \"kazner-stream.keda\" .)) }}", hpa, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"- name: (?<name>[a-z-]+)\n\s+mountPath: (?<path>\S+)")]
    private static partial Regex VolumeMountPath();
}
