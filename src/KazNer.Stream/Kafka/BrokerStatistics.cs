using System.Text.Json;

namespace KazNer.Stream.Kafka;

/// <summary>Reads librdkafka's statistics JSON for what the health check needs: whether any broker connection is up.</summary>
internal static class BrokerStatistics
{
    public static bool AnyBrokerUp(string json)
    {
        try
        {
            using var statistics = JsonDocument.Parse(json);
            return statistics.RootElement.TryGetProperty("brokers", out var brokers)
                && brokers.ValueKind == JsonValueKind.Object
                && brokers.EnumerateObject().Any(b => b.Value.TryGetProperty("state", out var state) && state.ValueEquals("UP"));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
