namespace KazNer.Stream.Records;

/// <summary>Header names the worker writes.</summary>
internal static class KazNerHeaders
{
    public const string Error = "kazner-error";
    public const string Stage = "kazner-stage";
    public const string ErrorDetail = "kazner-error-detail";
    public const string Source = "kazner-source";

    /// <summary>On a dead letter whose payload was cut to fit: the original value's size in bytes.</summary>
    public const string OriginalBytes = "kazner-original-bytes";

    /// <summary>On a dead letter whose payload was cut: the SHA-256 of the original value, lower-case hex.</summary>
    public const string OriginalSha256 = "kazner-original-sha256";

    /// <summary>On a dead letter whose payload was cut: how many leading bytes of the original value it carries.</summary>
    public const string KeptBytes = "kazner-kept-bytes";

    /// <summary>
    /// On a record <c>kazner dlq replay</c> sent back to the input topic: the dead letter it came from,
    /// <c>topic/partition/offset</c>, by which a second replay recognises it as done.
    /// </summary>
    public const string ReplayedFrom = "kazner-replayed-from";

    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
}
