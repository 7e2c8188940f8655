using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KazNer.DevBroker.Native;

/// <summary>
/// The few librdkafka entry points of the mock cluster, bound to the very library file Confluent.Kafka
/// loaded (on Debian that is centos8-librdkafka.so), so there is one librdkafka in the process.
/// </summary>
internal static partial class LibRdKafka
{
    public const int Producer = 0;
    private const string LibraryName = "librdkafka";

    static LibRdKafka() => NativeLibrary.SetDllImportResolver(typeof(LibRdKafka).Assembly, Resolve);

    /// <summary>Forces the static resolver registration before the first call.</summary>
    public static void EnsureResolver() => RuntimeHelpers.RunClassConstructor(typeof(LibRdKafka).TypeHandle);

    [LibraryImport(LibraryName)]
    public static partial nint rd_kafka_conf_new();

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(nint conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(LibraryName)]
    public static partial nint rd_kafka_new(int type, nint conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(LibraryName)]
    public static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    [LibraryImport(LibraryName)]
    public static partial nint rd_kafka_mock_cluster_bootstraps(nint cluster);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(nint cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void rd_kafka_mock_broker_set_host_port(nint cluster, int brokerId, string host, int port);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(nint cluster, int delayMs);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_push_request_errors_array(nint cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_clear_request_errors(nint cluster, short apiKey);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_broker_set_down(nint cluster, int brokerId);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_broker_set_up(nint cluster, int brokerId);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_broker_set_rtt(nint cluster, int brokerId, int rttMs);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_partition_set_leader(nint cluster, string topic, int partition, int brokerId);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_coordinator_set(nint cluster, string keyType, string key, int brokerId);

    /// <remarks>
    /// Variadic in C ((error, rtt) pairs after the count); called with exactly one pair, whose six integer
    /// arguments all travel in registers on x64 and arm64 just as they would for a fixed-arity call.
    /// </remarks>
    [LibraryImport(LibraryName)]
    public static partial int rd_kafka_mock_broker_push_request_error_rtts(nint cluster, int brokerId, short apiKey, nuint count, int error, int rttMs);

    [LibraryImport(LibraryName)]
    public static partial int rd_kafka_mock_broker_error_stack_cnt(nint cluster, int brokerId, short apiKey, out nuint count);

    [LibraryImport(LibraryName)]
    public static partial nint rd_kafka_err2str(int error);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == LibraryName ? NativeLibrary.Load(LibRdKafkaFile.Locate()) : 0;
}
