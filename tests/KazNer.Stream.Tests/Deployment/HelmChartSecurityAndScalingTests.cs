using System.Text.RegularExpressions;

namespace KazNer.Stream.Tests.Deployment;

/// <summary>
/// The chart's client-certificate mounts and its KEDA default, read from the templates as text (no helm binary
/// is installable from the package mirrors CI reaches).
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
    public void ClientKeyPassword_ComesOnlyFromTheSecret()
    {
        var password = Assert.Single(HelmChart.Load().EnvVars(), v => v.ConfigurationKey == "Kafka:Properties:ssl.key.password");

        Assert.Null(password.ValuesPath);
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
