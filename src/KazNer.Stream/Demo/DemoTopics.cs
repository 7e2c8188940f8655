namespace KazNer.Stream.Demo;

/// <summary>The topics of the demo's in-process broker.</summary>
internal sealed record DemoTopics(string Input, string Output, string DeadLetters, string Entities)
{
    public static DemoTopics Default { get; } = new("news", "news.annotated", "news.dlq", "news.entities");

    public IEnumerable<string> All => [Input, Output, DeadLetters, Entities];
}
