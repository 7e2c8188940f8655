using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KazNer.Bench;

/// <summary>
/// `kazner run` from this build as a child process, so its CPU time and memory are its own: both are read
/// from /proc (Linux), RSS sampled every 50 ms to keep the peak of each phase.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly Timer sampler;
    private long peakRssKb;
    private int disposed;

    private WorkerProcess(Process process, int httpPort)
    {
        this.process = process;
        HttpPort = httpPort;
        sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
    }

    public int HttpPort { get; }

    public static WorkerProcess Start(string bootstrap, string input, string output, IEnumerable<string> extraSettings)
    {
        // The worker from this build (a project reference copies it here), so a -p:KazNerGpu=true bench runs the CUDA worker.
        var dll = Path.Combine(AppContext.BaseDirectory, "kazner.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build bench/KazNer.Bench first", dll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = false, RedirectStandardOutput = true, UseShellExecute = false };
        string[] arguments =
        [
            dll, "run", "--bootstrap-servers", bootstrap, "--input-topic", input, "--output-topic", output, "--group-id", "kazner-bench",
            "--Http:Port", port.ToString(CultureInfo.InvariantCulture), "--Logging:LogLevel:Default", "Warning",
            "--Kafka:ConsumerProperties:session.timeout.ms", "6000", "--Kafka:ConsumerProperties:heartbeat.interval.ms", "500",
            .. extraSettings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker");
        // Its record printing is not needed; drain stdout so it never blocks.
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return new WorkerProcess(process, port);
    }

    /// <summary>User + system CPU seconds so far.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime), counted from after the command name, in clock ticks (100 Hz on Linux).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The highest RSS seen since the last call, in MiB.</summary>
    public double TakePeakRssMiB()
    {
        Sample();
        return Interlocked.Exchange(ref peakRssKb, 0) / 1024.0;
    }

    public bool HasExited => process.HasExited;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        sampler.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Sample()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    long seen;
                    while (kb > (seen = Interlocked.Read(ref peakRssKb)) && Interlocked.CompareExchange(ref peakRssKb, kb, seen) != seen)
                    {
                    }

                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The process is gone; the last sample stands.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
