namespace KazNer.Stream.Records;

/// <summary>Header names the worker writes.</summary>
internal static class KazNerHeaders
{
    public const string Error = "kazner-error";
    public const string Stage = "kazner-stage";
    public const string ErrorDetail = "kazner-error-detail";
    public const string Source = "kazner-source";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
}
