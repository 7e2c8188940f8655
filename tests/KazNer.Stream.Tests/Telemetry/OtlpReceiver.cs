using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;

namespace KazNer.Stream.Tests.Telemetry;

/// <summary>A span as an OTLP receiver got it: ids in lower-case hex, and the resource's service.name.</summary>
internal sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, string? ServiceName);

/// <summary>
/// An OTLP/HTTP trace receiver on 127.0.0.1: takes protobuf POSTs to /v1/traces as a collector does, answers 200,
/// and decodes the fields of opentelemetry/proto/collector/trace/v1 that the tests look at.
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();
    private readonly ConcurrentQueue<string> paths = new();

    private OtlpReceiver(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        listener.Prefixes.Add($"{Endpoint}");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyCollection<ReceivedSpan> Spans => spans;

    /// <summary>The request paths, so a test can see a request arrived even when it held no span it wanted.</summary>
    public IReadOnlyCollection<string> Paths => paths;

    public static OtlpReceiver Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new OtlpReceiver(port);
    }

    public void Dispose() => listener.Close();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            paths.Enqueue(context.Request.Url!.AbsolutePath);
            using var body = new MemoryStream();
            var input = context.Request.Headers["Content-Encoding"] == "gzip"
                ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress)
                : context.Request.InputStream;
            await input.CopyToAsync(body);
            if (context.Request.Url.AbsolutePath == "/v1/traces")
            {
                foreach (var span in Decode(ByteString.CopyFrom(body.ToArray())))
                {
                    spans.Enqueue(span);
                }
            }

            // An empty ExportTraceServiceResponse: everything accepted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    /// <summary>ExportTraceServiceRequest: resource_spans(1) → resource(1), scope_spans(2) → spans(2).</summary>
    private static IEnumerable<ReceivedSpan> Decode(ByteString request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            var service = Fields(resourceSpans, 1).SelectMany(resource => Fields(resource, 1))
                .Select(attribute => (Key: Fields(attribute, 1).Select(k => k.ToStringUtf8()).FirstOrDefault(), Value: Fields(attribute, 2).SelectMany(v => Fields(v, 1)).Select(v => v.ToStringUtf8()).FirstOrDefault()))
                .FirstOrDefault(a => a.Key == "service.name").Value;
            foreach (var span in Fields(resourceSpans, 2).SelectMany(scope => Fields(scope, 2)))
            {
                // Span: trace_id(1), span_id(2), parent_span_id(4), name(5).
                yield return new ReceivedSpan(Hex(span, 1), Hex(span, 2), Hex(span, 4), Fields(span, 5).Select(n => n.ToStringUtf8()).FirstOrDefault() ?? "", service);
            }
        }
    }

    private static string Hex(ByteString message, int field) =>
        Fields(message, field).Select(b => Convert.ToHexStringLower(b.ToByteArray())).FirstOrDefault() ?? "";

    /// <summary>The length-delimited values of one field of a message, skipping the others whatever their type.</summary>
    private static List<ByteString> Fields(ByteString message, int number)
    {
        var values = new List<ByteString>();
        var input = new CodedInputStream(message.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                values.Add(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return values;
    }
}
