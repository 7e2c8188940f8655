namespace KazNer.Stream.Records;

/// <summary>Stage names written in the <c>kazner-stage</c> header of dead letters.</summary>
internal static class PipelineStage
{
    public const string Parse = "parse";
    public const string Prepare = "prepare";
    public const string Inference = "inference";
    public const string Assemble = "assemble";
    public const string Produce = "produce";
}
