using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KazNer.Testing;

namespace KazNer.Bench;

/// <summary>
/// `kazner run` from this build as a child process (<see cref="KaznerChildProcess"/>), so its CPU time and memory
/// are its own, with a free port for its metrics.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly KaznerChildProcess process;

    private WorkerProcess(KaznerChildProcess process, int httpPort)
    {
        this.process = process;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    public bool HasExited => process.HasExited;

    // The worker from this build (a project reference copies it here), so a -p:KazNerGpu=true bench runs the CUDA worker.
    public static WorkerProcess Start(string bootstrap, string input, string output, IEnumerable<string> extraSettings)
    {
        var port = FreePort();
        string[] arguments =
        [
            "run", "--bootstrap-servers", bootstrap, "--input-topic", input, "--output-topic", output, "--group-id", "kazner-bench",
            "--Http:Port", port.ToString(CultureInfo.InvariantCulture), "--Logging:LogLevel:Default", "Warning",
            "--Kafka:ConsumerProperties:session.timeout.ms", "6000", "--Kafka:ConsumerProperties:heartbeat.interval.ms", "500",
            .. extraSettings,
        ];
        // Its warnings (the only lines it writes at this log level) show beside the benchmark's own.
        return new WorkerProcess(KaznerChildProcess.Start(arguments, Console.Error.WriteLine), port);
    }

    /// <summary>User + system CPU seconds so far.</summary>
    public double CpuSeconds() => process.CpuSeconds();

    /// <summary>The highest RSS seen since the last call, in MiB.</summary>
    public double TakePeakRssMiB() => process.TakePeakRssMiB();

    public void Dispose() => process.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
