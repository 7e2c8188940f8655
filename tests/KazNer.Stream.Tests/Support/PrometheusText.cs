using System.Globalization;

namespace KazNer.Stream.Tests.Support;

/// <summary>Reads one sample out of a Prometheus text exposition.</summary>
internal static class PrometheusText
{
    /// <summary>The value of the first series named <paramref name="name"/>, whatever its labels.</summary>
    public static double Value(string exposition, string name)
    {
        var line = Line(exposition, name) ?? throw new InvalidOperationException($"{name} is not exported");
        var afterLabels = line[(line.LastIndexOf('}') + 1)..].Trim();
        return double.Parse(afterLabels.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public static bool Has(string exposition, string name) => Line(exposition, name) is not null;

    private static string? Line(string exposition, string name) =>
        exposition.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
}
