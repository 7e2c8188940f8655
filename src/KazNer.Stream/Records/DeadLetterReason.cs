namespace KazNer.Stream.Records;

/// <summary>Why a document was dead-lettered: a stable error code, the stage that failed, and a readable detail.</summary>
internal sealed record DeadLetterReason(string Error, string Stage, string Detail)
{
    public static DeadLetterReason TooLarge(long bytes, int limit) =>
        new("too-large", PipelineStage.Parse, $"message is {bytes} bytes, the limit is {limit}");

    public static DeadLetterReason InvalidUtf8() => new("invalid-utf8", PipelineStage.Parse, "value is not valid UTF-8");

    public static DeadLetterReason InvalidJson(string detail) => new("invalid-json", PipelineStage.Parse, detail);

    public static DeadLetterReason MissingText() =>
        new("missing-text", PipelineStage.Parse, "\"text\" is missing, not a string, or empty");

    public static DeadLetterReason UnusableText(string detail) => new("unusable-text", PipelineStage.Prepare, detail);

    public static DeadLetterReason InferenceFailed(string detail) => new("inference-failed", PipelineStage.Inference, detail);

    public static DeadLetterReason AssemblyFailed(string detail) => new("assembly-failed", PipelineStage.Assemble, detail);

    public static DeadLetterReason ProduceFailed(string detail) => new("produce-failed", PipelineStage.Produce, detail);

    public static DeadLetterReason OutputTooLarge(string detail) => new("output-too-large", PipelineStage.Produce, detail);
}
