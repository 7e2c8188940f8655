using System.Runtime.InteropServices;

namespace KazNer.DevBroker.Native;

/// <summary>Finds the librdkafka file Confluent.Kafka has loaded into this process.</summary>
internal static class LibRdKafkaFile
{
    public static string Locate()
    {
        // Makes Confluent.Kafka pick and load its native library the way it always does.
        Confluent.Kafka.Library.Load();
        return Loaded() ?? throw new DllNotFoundException("Confluent.Kafka's librdkafka is not loaded in this process.");
    }

    /// <summary>The mapped file, read from the process's memory map (Linux) so the same copy is reused.</summary>
    private static string? Loaded()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Candidates().FirstOrDefault(File.Exists);
        }

        return File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].Contains("librdkafka", StringComparison.Ordinal))
            .Select(fields => string.Join(' ', fields[5..]))
            .FirstOrDefault();
    }

    private static IEnumerable<string> Candidates()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        yield return Path.Combine(native, "librdkafka.dll");
        yield return Path.Combine(native, "librdkafka.dylib");
    }
}
