using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KazNer.Stream.Hosting;

/// <summary>/readyz: see <see cref="WorkerHealth"/> for what ready means.</summary>
internal sealed class ReadinessHealthCheck(WorkerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["modelLoaded"] = health.ModelLoaded,
            ["consumeLoopAlive"] = health.ConsumeLoopAlive,
            ["assignedPartitions"] = health.AssignedPartitions,
            ["brokersUnreachable"] = health.BrokersUnreachable,
            ["stalledPartitions"] = health.StalledPartitions.Count,
        };
        return Task.FromResult(health.NotReadyReason is { } reason
            ? HealthCheckResult.Unhealthy(reason, data: data)
            : HealthCheckResult.Healthy("consuming", data));
    }
}
