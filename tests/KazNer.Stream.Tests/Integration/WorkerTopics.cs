namespace KazNer.Stream.Tests.Integration;

/// <summary>Fresh topic and group names for one test, so tests never see each other's records.</summary>
internal sealed record WorkerTopics(string Input, string Output, string DeadLetters, string Group)
{
    public const int Partitions = 3;

    public static async Task<WorkerTopics> CreateAsync(KafkaFixture kafka)
    {
        var input = KafkaFixture.Unique("news");
        var topics = new WorkerTopics(input, input + ".annotated", input + ".dlq", KafkaFixture.Unique("group"));
        await kafka.CreateTopicsAsync(Partitions, topics.Input, topics.Output, topics.DeadLetters);
        return topics;
    }
}
