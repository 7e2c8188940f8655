using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KazNer.Testing;

/// <summary>
/// `kazner` from the build beside the caller as a child process: every line it writes goes to a callback, its CPU
/// time and resident memory are read from /proc (Linux; RSS sampled every 50 ms, so a phase's peak is kept), and it
/// can be stopped as Kubernetes does (SIGTERM, then SIGKILL after a grace period) or killed outright. The one helper
/// for a worker process, shared by the fault matrix, the benchmark and the tests (linked into each).
/// </summary>
internal sealed partial class KaznerChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process process;
    private readonly Timer sampler;
    private long peakRssKb;
    private long highWaterMarkKb;
    private int disposed;

    private KaznerChildProcess(Process process)
    {
        this.process = process;
        sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
    }

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>The kernel's own peak (VmHWM) as last seen: it stays after the process is gone.</summary>
    public long HighWaterMarkBytes => Interlocked.Read(ref highWaterMarkKb) * 1024;

    /// <param name="onLine">Called with every line of stdout and stderr, from the reader threads.</param>
    public static KaznerChildProcess Start(IEnumerable<string> arguments, Action<string> onLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        var dll = Path.Combine(AppContext.BaseDirectory, "kazner.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build the project that references KazNer.Stream first", dll);
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, onLine);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new KaznerChildProcess(process);
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

    /// <summary>SIGTERM; past <paramref name="grace"/>, SIGKILL.</summary>
    /// <returns>How long the process took to exit after the signal.</returns>
    public async Task<TimeSpan> StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return TimeSpan.Zero;
        }

        Sample();
        var signalled = Stopwatch.StartNew();
        _ = Kill(process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
        }

        return signalled.Elapsed;
    }

    /// <summary>SIGKILL: no drain, no commit, no goodbye to the group.</summary>
    public async Task KillAsync()
    {
        Sample();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await sampler.DisposeAsync().ConfigureAwait(false);
        await KillAsync().ConfigureAwait(false);
        process.Dispose();
    }

    private static void Forward(string? line, Action<string> onLine)
    {
        if (line is not null)
        {
            onLine(line);
        }
    }

    private void Sample()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    Raise(ref peakRssKb, Kb(line));
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    Raise(ref highWaterMarkKb, Kb(line));
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The process is gone; the last samples stand.
        }
    }

    private static long Kb(string line) => long.Parse(line[(line.IndexOf(':') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static void Raise(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
