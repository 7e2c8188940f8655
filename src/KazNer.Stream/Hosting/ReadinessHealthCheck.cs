using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KazNer.Stream.Hosting;

/// <summary>Ready when the model is loaded and the consume loop polls (assigned, or waiting for an assignment).</summary>
internal sealed class ReadinessHealthCheck(WorkerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["modelLoaded"] = health.ModelLoaded,
            ["consumeLoopAlive"] = health.ConsumeLoopAlive,
            ["assignedPartitions"] = health.AssignedPartitions,
        };
        return Task.FromResult(health.IsReady
            ? HealthCheckResult.Healthy("consuming", data)
            : HealthCheckResult.Unhealthy("model not loaded or consume loop not running", data: data));
    }
}
