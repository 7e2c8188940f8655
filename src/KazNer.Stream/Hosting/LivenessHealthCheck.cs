using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KazNer.Stream.Hosting;

/// <summary>/healthz: fails only when the worker cannot recover by itself, so that Kubernetes restarts it.</summary>
internal sealed class LivenessHealthCheck(WorkerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.NotLiveReason is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy("alive"));
}
