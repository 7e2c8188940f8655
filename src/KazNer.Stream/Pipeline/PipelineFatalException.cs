namespace KazNer.Stream.Pipeline;

/// <summary>An error the worker cannot continue after (fenced producer, authorization, broken transaction).</summary>
internal sealed class PipelineFatalException(Exception inner)
    : Exception($"The pipeline stopped on an unrecoverable error: {inner.Message}", inner);
