namespace KazNer.Stream.Tests.Integration;

/// <summary>Integration tests run one at a time: fault injection on the mock cluster reaches every client of it.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster
{
    public const string Name = "kafka";
}
